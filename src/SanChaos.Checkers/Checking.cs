namespace SanChaos.Checkers;

/// <summary>Runs checkers so that none can abort the run or pass by failing.</summary>
public static class Checking
{
    /// <summary>Runs <paramref name="checker"/>; an exception becomes an Unknown verdict naming it.</summary>
    public static Verdict Run(IChecker checker, CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(checker);
        try
        {
            return checker.Check(input);
        }
        catch (Exception e)
        {
            return Verdict.Unknown(checker.Name, $"the checker failed: {e.GetType().Name}: {e.Message}", new Evidence(e.ToString(), Source: "checker exception"));
        }
    }
}
