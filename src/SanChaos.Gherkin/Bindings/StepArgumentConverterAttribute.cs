namespace SanChaos.Gherkin.Bindings;

/// <summary>
/// Marks a static method <c>static T Name(string text)</c> in a binding assembly that converts step text to
/// <c>T</c>. Throw <see cref="FormatException"/> with a message saying what is accepted; the runner reports
/// it with the step's file and line.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepArgumentConverterAttribute : Attribute;
