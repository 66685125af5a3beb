using System.Diagnostics;
using SanChaos.Core.Errors;
using SanChaos.Faults;
using SanChaos.Faults.Catalog;
using SanChaos.Labs;
using SanChaos.Labs.Uml;

namespace SanChaos.Session.Keeper;

/// <summary>
/// The detached lab (<c>sanchaos lab up --detach</c>): a keeper process, started in its own session with its output in
/// <see cref="KeeperPaths.Log"/>, brings the lab up and holds it (the embedded PDU, the serial relay, the SSH masters)
/// until <c>sanchaos lab down</c>. This class starts one, follows it until its lab is up, and does the keeper's own
/// parts: serving, and healing the journalled faults before the lab goes down.
/// </summary>
public static class LabKeeper
{
    /// <summary>
    /// Starts <paramref name="command"/> (the sanchaos command line that runs the keeper) in a new session, detached from
    /// this terminal, its standard output and error appended to the keeper's log (emptied first).
    /// </summary>
    /// <param name="paths">Where the keeper lives.</param>
    /// <param name="command">Program and arguments, e.g. <c>dotnet sanchaos.dll lab keep</c>.</param>
    public static void Spawn(KeeperPaths paths, IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(command);
        paths.EnsureDirectory();
        File.WriteAllText(paths.Log, "");
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec setsid -f \"$@\" </dev/null >>\"$KEEPER_LOG\" 2>&1");
        psi.ArgumentList.Add("sanchaos-keeper");
        foreach (var a in command) psi.ArgumentList.Add(a);
        psi.Environment["KEEPER_LOG"] = paths.Log;
        using var p = Process.Start(psi) ?? throw new SanChaosException("Could not start the lab keeper (/bin/sh did not start).", "check that /bin/sh and setsid (util-linux) exist.");
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new SanChaosException($"Starting the lab keeper failed (setsid exit {p.ExitCode}).", $"read {paths.Log}; setsid comes with util-linux.");
    }

    /// <summary>
    /// Copies the keeper's log to <paramref name="output"/> as it grows, until the keeper's record says up (returns it)
    /// or failed, or the keeper is gone, or <paramref name="timeout"/> passes (throws, saying what to do).
    /// </summary>
    /// <param name="paths">Where the keeper lives.</param>
    /// <param name="since">The keeper's record must be newer than this (the one just started, not an old one).</param>
    /// <param name="output">Where the log lines go.</param>
    /// <param name="timeout">How long lab up may take.</param>
    /// <param name="ct">Cancels following (the keeper goes on).</param>
    public static async Task<KeeperRecord> FollowUntilUpAsync(KeeperPaths paths, DateTimeOffset since, TextWriter output, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(output);
        long offset = 0;
        var deadline = DateTimeOffset.UtcNow + timeout;
        var noRecordSince = DateTimeOffset.UtcNow;
        while (true)
        {
            offset = Copy(paths.Log, offset, output);
            var record = KeeperRecord.Read(paths) is { } r && r.Started >= since ? r : null;
            if (record is { Phase: "up" } && record.Alive) return record;
            if (record is { Phase: "failed" } || (record is not null && !record.Alive))
            {
                await Task.Delay(300, ct).ConfigureAwait(false);
                Copy(paths.Log, offset, output);
                throw new SanChaosException(
                    $"The lab keeper (PID {record.Pid}) {(record.Phase == "failed" ? "could not bring the lab up" : "died")}{(record.Error is null ? "" : $": {record.Error}")}.",
                    $"read its log {paths.Log} (above); `sanchaos lab down` removes what it left.");
            }

            if (record is null && DateTimeOffset.UtcNow - noRecordSince > TimeSpan.FromSeconds(60))
                throw new SanChaosException($"The lab keeper did not start within 60 s (no record in {paths.Record}).", $"read {paths.Log}.");
            if (DateTimeOffset.UtcNow > deadline)
                throw new SanChaosException($"The lab keeper did not bring the lab up within {timeout.TotalMinutes:0} min; it goes on in the background.",
                    $"follow {paths.Log}; `sanchaos lab status` shows it, `sanchaos lab down` stops it.");
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    private static long Copy(string path, long offset, TextWriter output)
    {
        if (!File.Exists(path)) return offset;
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (f.Length < offset) offset = 0;
        f.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(f);
        var text = reader.ReadToEnd();
        var end = text.LastIndexOf('\n');
        if (end < 0) return offset;
        output.Write(text[..(end + 1)]);
        output.Flush();
        return offset + System.Text.Encoding.UTF8.GetByteCount(text[..(end + 1)]);
    }

    /// <summary>
    /// Heals every fault the machine's journal lists (<see cref="FaultJournal.MachinePath"/>: left by <c>sanchaos fault
    /// inject</c> or a killed drill) on <paramref name="lab"/> before it goes down, so that nothing stays injected on a lab
    /// kept by name (a rack) and the journal is empty for the next lab. Failures are reported, not thrown: the lab goes
    /// down anyway.
    /// </summary>
    public static async Task HealJournalAsync(ILab lab, Action<string> say, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(say);
        var journal = new FaultJournal(FaultJournal.MachinePath);
        try
        {
            if (journal.Read().Count == 0) return;
            var healed = await journal.HealLeftoversAsync(new FaultCatalog(lab).Rebuild, null, new FaultSetOptions { Output = say, DryRun = false }).ConfigureAwait(false);
            foreach (var e in healed) say($"healed {e.Name} (journalled by run {e.RunId})");
        }
        catch (Exception e) when (e is SanChaosException or AggregateException)
        {
            say($"healing the journalled faults before taking the lab down failed: {e.Message}");
        }
    }

    /// <summary>This process, as a keeper record (phase starting) for <paramref name="inventory"/> (its file and build).</summary>
    public static KeeperRecord Starting(KeeperPaths paths, Inventory.Model.LabInventory inventory) => new()
    {
        Pid = ProcessIdentity.Current.Pid,
        StartTicks = ProcessIdentity.Current.StartTicks,
        Phase = "starting",
        InventoryPath = inventory.SourcePath,
        InventoryDigest = AttachedLab.Digest(inventory),
        Build = inventory.Sut.BuildName,
        Log = paths.Log,
        Started = DateTimeOffset.UtcNow,
    };
}
