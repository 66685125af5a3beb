namespace SanChaos.Gherkin.Bindings;

/// <summary>
/// Marks a class holding step definitions or hooks. One instance per scenario is created; its constructor
/// may take the <c>ScenarioContext</c> or any other class, which is created once per
/// scenario and shared by every binding of that scenario (context injection).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BindingAttribute : Attribute;
