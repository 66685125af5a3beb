using System.Reflection;
using System.Runtime.ExceptionServices;
using SanChaos.Core;
using SanChaos.Core.History;
using SanChaos.Gherkin.Bindings;
using SanChaos.Gherkin.Model;

namespace SanChaos.Gherkin.Execution;

/// <summary>
/// Runs one scenario against a <see cref="BindingRegistry"/>: before-hooks, steps in order (the first
/// step that does not pass skips the rest), after-hooks and disposal whatever happened (cancellation
/// included), recording each step's start, end, status and error.
/// </summary>
public sealed class ScenarioRunner
{
    private readonly BindingRegistry _bindings;

    /// <summary>Creates a runner.</summary>
    /// <param name="bindings">Step definitions, hooks and converters.</param>
    /// <param name="time">Clock for timestamps. Default <see cref="TimeProvider.System"/>.</param>
    public ScenarioRunner(BindingRegistry bindings, TimeProvider? time = null)
    {
        _bindings = bindings;
        Time = time ?? TimeProvider.System;
    }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>How long after-scenario hooks (heals) may take in all. Default 10 min.</summary>
    public TimeSpan TeardownTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Dry run: Given and When steps and the after-scenario hooks run their bindings (which only print what they would
    /// do, see <see cref="Core.DryRunSwitch"/>), Then steps are not run (each is printed as a check it would make), no
    /// deferred check runs, and a scenario whose steps all went through is recorded as skipped with reason "dry run".
    /// Default false.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>Where a dry run prints its lines. Default standard output.</summary>
    public Action<string>? DryRunOutput { get; init; }

    /// <summary>The reason a dry-run scenario is skipped with.</summary>
    public const string DryRunReason = "dry run";

    /// <summary>Runs the scenario and returns its record; never throws for a failing scenario.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="ct">Cancels the run (Ctrl-C, test timeout); after-hooks still run.</param>
    /// <param name="configure">Called with the fresh context before any hook (register lab, inventory...).</param>
    public async Task<(ScenarioResult Result, Exception? Cause)> RunAsync(Scenario scenario, CancellationToken ct = default,
        Action<ScenarioContext>? configure = null)
    {
        var run = new RunContext(time: Time);
        var started = Time.GetUtcNow();
        var t0 = Time.GetTimestamp();
        var steps = new List<StepResult>();
        var teardown = new List<string>();
        Exception? cause = null;
        string? error = null;
        string? firstCheckError = null;
        var status = StepStatus.Passed;
        var ctx = new ScenarioContext(scenario, run, ct) { DryRun = DryRun };
        try
        {
            configure?.Invoke(ctx);
            foreach (var hook in _bindings.BeforeScenario.Where(h => Applies(h.GetCustomAttribute<BeforeScenarioAttribute>()!.Tags, scenario)))
                await InvokeAsync(hook, ctx, [], ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            cause = Unwrap(e);
            status = StepStatus.Failed;
        }

        foreach (var step in scenario.Steps)
        {
            if (status != StepStatus.Passed)
            {
                steps.Add(new StepResult(step.Keyword, step.Text, step.Line, StepStatus.Skipped, null, TimeSpan.Zero, null, null));
                continue;
            }

            if (DryRun && step.Kind == StepKeyword.Then)
            {
                DryLine($"would check: {step.Keyword} {step.Text} ({scenario.FeatureFile}:{step.Line})");
                steps.Add(new StepResult(step.Keyword, step.Text, step.Line, StepStatus.Skipped, null, TimeSpan.Zero, DryRunReason, null));
                continue;
            }

            if (DryRun) DryLine($"step: {step.Keyword} {step.Text} ({scenario.FeatureFile}:{step.Line})");
            ctx.CurrentStep = steps.Count;
            var (result, stepError) = await RunStepAsync(scenario, step, ctx, run, ct).ConfigureAwait(false);
            ctx.CurrentStep = -1;
            steps.Add(result);
            if (result.Status != StepStatus.Passed)
            {
                status = result.Status;
                cause = stepError;
            }
        }

        // Teardown runs whatever happened, with its own deadline: a cancelled drill must still heal.
        using (var teardownCts = new CancellationTokenSource(TeardownTimeout))
        {
            foreach (var hook in _bindings.AfterScenario.Where(h => Applies(h.GetCustomAttribute<AfterScenarioAttribute>()!.Tags, scenario)))
            {
                try
                {
                    await InvokeAsync(hook, ctx, [], teardownCts.Token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    teardown.Add($"{hook.DeclaringType?.Name}.{hook.Name}: {Unwrap(e).Message}");
                }
            }
        }

        // Deferred checks run on the complete history: after the heals, before the context is disposed.
        using (var checkCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            foreach (var (index, check) in ctx.Deferred.Where(_ => !DryRun))
            {
                CheckOutcome outcome;
                try
                {
                    outcome = await check(checkCts.Token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    outcome = new CheckOutcome(StepStatus.Broken, $"the check could not run: {Unwrap(e).Message}");
                }

                if (outcome.Status == StepStatus.Passed) continue;
                string where;
                if (index < 0)
                {
                    where = "scenario check";
                    run.History.Append(EventKinds.StepEnded, "runner", $"scenario check: {outcome.Status}: {outcome.Message}",
                        new Dictionary<string, string> { ["line"] = scenario.Id, ["status"] = outcome.Status.ToString() });
                }
                else
                {
                    var s = steps[index];
                    if (s.Status != StepStatus.Passed) continue;
                    steps[index] = s with { Status = outcome.Status, Error = outcome.Message };
                    where = $"{s.Keyword} {s.Text} (line {s.Line})";
                    run.History.Append(EventKinds.StepEnded, "runner", $"{s.Keyword} {s.Text}: {outcome.Status} (checked at the end)",
                        new Dictionary<string, string> { ["line"] = $"{scenario.FeatureFile}:{s.Line}", ["status"] = outcome.Status.ToString() });
                }

                if (Severity(outcome.Status) > Severity(status))
                {
                    status = outcome.Status;
                    cause = null;
                }

                firstCheckError ??= $"{where}: {outcome.Message}";
            }
        }

        WriteHistory(ctx, run);

        try
        {
            await ctx.DisposeAsync().ConfigureAwait(false);
        }
        catch (AggregateException e)
        {
            teardown.AddRange(e.InnerExceptions.Select(x => $"dispose: {Unwrap(x).Message}"));
        }

        error = cause?.Message ?? firstCheckError;
        // A failed teardown (a heal that did not take) is the harness's failure, not a verdict on the system: broken, naming it.
        if (status is StepStatus.Passed or StepStatus.Skipped && teardown.Count > 0)
        {
            error = status == StepStatus.Passed
                ? $"Every step passed, but teardown failed (a fault may not have been healed): {teardown[0]}"
                : $"The scenario was skipped ({error}), but teardown failed (a fault may not have been healed): {teardown[0]}";
            status = StepStatus.Broken;
        }

        if (DryRun && status == StepStatus.Passed)
        {
            status = StepStatus.Skipped;
            error = DryRunReason;
        }

        var record = new ScenarioResult(scenario.Id, scenario.FeatureFile, scenario.FeatureName, scenario.Name, scenario.Tags,
            run.RunId, run.Seed, status, started, Time.GetElapsedTime(t0), steps, error, teardown, ctx.Figures.ToArray(), ctx.ArtifactDirectory,
            ctx.Verdicts.ToArray(), ctx.Repairs.ToArray());
        return (record, cause);
    }

    /// <summary>
    /// The scenario's verdicts into its history (<see cref="EventKinds.Verdict"/>, one per checker), then the history into
    /// its folder (<c>history.jsonl</c>): after the checks, so the file holds every step, the steps the checks decided and
    /// the verdicts, and a report reads one file for the whole scenario.
    /// </summary>
    private static void WriteHistory(ScenarioContext ctx, RunContext run)
    {
        foreach (var v in ctx.Verdicts)
        {
            var data = new Dictionary<string, string> { ["checker"] = v.Checker, ["status"] = v.Status };
            if (v.Step is { } line) data["line"] = $"{ctx.Scenario.FeatureFile}:{line}";
            foreach (var (name, value) in v.Figures ?? new Dictionary<string, double>())
                data[name] = value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            run.History.Append(EventKinds.Verdict, v.Checker, $"{v.Checker}: {v.Status}: {v.Summary}", data);
        }

        if (ctx.ArtifactDirectory is not { } dir || run.History.Events.Count == 0) return;
        Directory.CreateDirectory(dir);
        HistoryFile.Write(Path.Combine(dir, "history.jsonl"), run.History.Events);
    }

    private async Task<(StepResult, Exception?)> RunStepAsync(Scenario scenario, ScenarioStep step, ScenarioContext ctx, RunContext run, CancellationToken ct)
    {
        var started = Time.GetUtcNow();
        var t0 = Time.GetTimestamp();
        var where = $"{scenario.FeatureFile}:{step.Line}";
        run.History.Append(EventKinds.StepStarted, "runner", $"{step.Keyword} {step.Text}", new Dictionary<string, string> { ["line"] = where });
        string? binding = null;
        Exception? error = null;
        var status = StepStatus.Passed;
        try
        {
            ct.ThrowIfCancellationRequested();
            var matches = _bindings.Match(step);
            if (matches.Count == 0)
                throw new StepDefinitionException(StepStatus.Undefined,
                    $"Undefined step at {where}: {step.Keyword} {step.Text}",
                    $"add this binding to a [Binding] class:{Environment.NewLine}{StepSkeleton.For(step)}");
            if (matches.Count > 1)
                throw new StepDefinitionException(StepStatus.Ambiguous,
                    $"Ambiguous step at {where}: {step.Keyword} {step.Text}{Environment.NewLine}It matches {matches.Count} bindings:{Environment.NewLine}" +
                    string.Join(Environment.NewLine, matches.Select(m => "  " + m.Binding.Describe())),
                    "make the patterns exclusive (anchor them, or make one more specific) so exactly one matches.");
            var (b, match) = matches[0];
            binding = b.Describe();
            var args = BindArguments(b, match, step, where, ct);
            await InvokeAsync(b.Method, ctx, args, ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = Unwrap(e);
            status = error is StepDefinitionException sd ? sd.Status : StepStatus.Failed;
            if (error is OperationCanceledException && ct.IsCancellationRequested)
                error = new OperationCanceledException($"The run was cancelled during the step at {where}: {step.Keyword} {step.Text}", error, ct);
        }

        var duration = Time.GetElapsedTime(t0);
        run.History.Append(EventKinds.StepEnded, "runner", $"{step.Keyword} {step.Text}: {status}",
            new Dictionary<string, string> { ["line"] = where, ["status"] = status.ToString() });
        return (new StepResult(step.Keyword, step.Text, step.Line, status, started, duration, error?.Message, binding), error);
    }

    private void DryLine(string line) => (DryRunOutput ?? Console.Out.WriteLine)("DRY RUN: " + line);

    private object?[] BindArguments(StepBinding b, System.Text.RegularExpressions.Match match, ScenarioStep step, string where, CancellationToken ct)
    {
        var groups = match.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).ToArray();
        var parameters = b.Method.GetParameters();
        var args = new object?[parameters.Length];
        int g = 0;
        bool tableUsed = false, docUsed = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.ParameterType == typeof(CancellationToken)) args[i] = ct;
            else if (p.ParameterType == typeof(DataTable))
            {
                args[i] = step.Table ?? throw Misfit(b, where, $"parameter '{p.Name}' wants a data table, but the step has none", "add a table under the step, or remove the parameter");
                tableUsed = true;
            }
            else if (g < groups.Length)
            {
                var text = groups[g++].Value;
                try
                {
                    args[i] = _bindings.Converter.Convert(text, p.ParameterType);
                }
                catch (FormatException e)
                {
                    throw new StepDefinitionException(StepStatus.Failed,
                        $"Step at {where} ({step.Keyword} {step.Text}): cannot use '{text}' as parameter '{p.Name}' ({p.ParameterType.Name}) of {b.Describe()}: {e.Message}",
                        $"write {_bindings.Converter.Expected(p.ParameterType)} in the feature file.", e);
                }
            }
            else if (p.ParameterType == typeof(string) && step.DocString is not null && !docUsed)
            {
                args[i] = step.DocString;
                docUsed = true;
            }
            else throw Misfit(b, where, $"parameter '{p.Name}' has no capture group, table or doc string to take", "add a capture group to the pattern, or remove the parameter");
        }

        if (g < groups.Length)
            throw Misfit(b, where, $"the pattern captures {groups.Length} value(s) but the method takes {g}", "add parameters for every capture group, or make groups non-capturing with (?:...)");
        if (step.Table is not null && !tableUsed)
            throw Misfit(b, where, "the step has a data table but the method has no DataTable parameter", "add a DataTable parameter");
        if (step.DocString is not null && !docUsed)
            throw Misfit(b, where, "the step has a doc string but the method has no string parameter left for it", "add a trailing string parameter");
        return args;
    }

    private static StepDefinitionException Misfit(StepBinding b, string where, string what, string fix) =>
        new(StepStatus.Failed, $"Step at {where} cannot be run by {b.Describe()}: {what}.", fix + ".");

    private static async Task InvokeAsync(MethodInfo method, ScenarioContext ctx, object?[] args, CancellationToken ct)
    {
        if (args.Length == 0 && method.GetParameters().Length > 0)
            args = method.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken) ? (object?)ct
                : p.ParameterType == typeof(ScenarioContext) ? ctx : ctx.Get(p.ParameterType)).ToArray();
        var target = method.IsStatic ? null : ctx.Get(method.DeclaringType!);
        object? ret;
        try
        {
            ret = method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        switch (ret)
        {
            case Task t: await t.ConfigureAwait(false); break;
            case ValueTask vt: await vt.ConfigureAwait(false); break;
        }
    }

    /// <summary>Failed (the system misbehaved, or the drill is wrong) outranks Broken (undecided), which outranks Passed.</summary>
    private static int Severity(StepStatus s) => s switch
    {
        StepStatus.Passed => 0,
        StepStatus.Skipped => 0,
        StepStatus.Broken => 1,
        _ => 2,
    };

    private static bool Applies(IReadOnlyList<string> tags, Scenario s) => tags.Count == 0 || tags.Any(t => s.Tags.Contains(t.TrimStart('@')));

    private static Exception Unwrap(Exception e) => e is TargetInvocationException { InnerException: { } i } ? Unwrap(i) : e;
}
