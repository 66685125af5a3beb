namespace SanChaos.Gherkin.Model;

/// <summary>The effective kind of a step: And and But take the kind of the step before them.</summary>
public enum StepKeyword
{
    /// <summary>A precondition.</summary>
    Given,
    /// <summary>An action (a fault, a wait).</summary>
    When,
    /// <summary>An outcome to check.</summary>
    Then,
}
