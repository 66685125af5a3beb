namespace SanChaos.Checkers;

/// <summary>The end of observation a scenario's checkers need: the latest bound any of them asked for.</summary>
public static class ObservationBound
{
    /// <summary>
    /// Kept on after the latest need: the observers deliver late (node lines cross an SSH stream, the capture is read
    /// as it stops), and a frame at the bound itself must be in the history. 2 s.
    /// </summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The latest <see cref="IObservationBound.ObserveUntil"/> of <paramref name="checkers"/> on <paramref name="input"/>
    /// (checkers without the capability, and needs they cannot compute, are left out: a checker that throws here never
    /// aborts the scenario's end), or null when none needs any.
    /// </summary>
    public static ObservationNeed? Latest(IEnumerable<IChecker> checkers, CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(checkers);
        ArgumentNullException.ThrowIfNull(input);
        ObservationNeed? latest = null;
        foreach (var c in checkers.OfType<IObservationBound>())
        {
            ObservationNeed? need;
            try
            {
                need = c.ObserveUntil(input);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                continue; // a step's expectation the lab cannot meet, or a checker's fault: its verdict says so (Checking.Run); nothing is held for it
            }

            if (need is not null && (latest is null || need.Until > latest.Until)) latest = need;
        }

        return latest;
    }
}
