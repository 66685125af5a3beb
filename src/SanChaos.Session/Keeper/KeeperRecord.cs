using System.Text.Json;
using SanChaos.Labs.Uml;

namespace SanChaos.Session.Keeper;

/// <summary>
/// The file a keeper writes beside its control socket (<see cref="KeeperPaths.Record"/>), so that another process finds
/// it, knows whether it is still starting, up or failed, and notices a keeper that died (its process gone).
/// </summary>
public sealed record KeeperRecord
{
    /// <summary>The keeper's process id.</summary>
    public int Pid { get; init; }

    /// <summary>Its start time in clock ticks after boot (to tell it from a later process with the same id).</summary>
    public long StartTicks { get; init; }

    /// <summary>starting, up, failed, stopping.</summary>
    public string Phase { get; init; } = "starting";

    /// <summary>Why it failed (phase failed).</summary>
    public string? Error { get; init; }

    /// <summary>The inventory it brings up.</summary>
    public string InventoryPath { get; init; } = "";

    /// <summary>SHA-256 of the inventory's content and the build when the keeper started.</summary>
    public string InventoryDigest { get; init; } = "";

    /// <summary>The SUT build the lab runs (e.g. <c>7.2-seccomp/bookworm/lio</c>).</summary>
    public string Build { get; init; } = "";

    /// <summary>Its log (the lab up timeline and everything after).</summary>
    public string Log { get; init; } = "";

    /// <summary>When it started.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>True when the process that wrote this record still runs.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Alive => new ProcessIdentity(Pid, StartTicks).Alive;

    /// <summary>The record in <paramref name="paths"/>, or null when there is none (or it cannot be read).</summary>
    public static KeeperRecord? Read(KeeperPaths paths)
    {
        try
        {
            return File.Exists(paths.Record) ? JsonSerializer.Deserialize<KeeperRecord>(File.ReadAllText(paths.Record), KeeperJson.Options) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes this record atomically (root-only file).</summary>
    public void Write(KeeperPaths paths)
    {
        paths.EnsureDirectory();
        var tmp = paths.Record + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(this, KeeperJson.Options));
        File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(tmp, paths.Record, overwrite: true);
    }
}

/// <summary>Where a keeper keeps its socket, record and log. Default under <c>/run/sanchaos</c> (root only).</summary>
/// <param name="Directory">The folder.</param>
public sealed record KeeperPaths(string Directory)
{
    /// <summary>The machine's keeper (one lab at a time).</summary>
    public static KeeperPaths Default { get; } = new("/run/sanchaos");

    /// <summary>The control socket.</summary>
    public string Socket => Path.Combine(Directory, "lab.sock");

    /// <summary>The record.</summary>
    public string Record => Path.Combine(Directory, "keeper.json");

    /// <summary>The log.</summary>
    public string Log => Path.Combine(Directory, "keeper.log");

    /// <summary>Creates the folder, readable by root only.</summary>
    public void EnsureDirectory()
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Removes the socket and the record (the log stays for reading).</summary>
    public void Clear()
    {
        File.Delete(Socket);
        File.Delete(Record);
    }
}
