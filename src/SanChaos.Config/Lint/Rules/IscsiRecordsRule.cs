namespace SanChaos.Config.Lint.Rules;

/// <summary><c>iscsi.records-stale</c>: iscsid.conf settings that the existing node records do not have.</summary>
internal sealed class IscsiRecordsRule() : ConfigRule("iscsi.records-stale", "iscsid.conf's node settings applied to the existing node records")
{
    /// <summary>open-iscsi's CHAP secrets (<c>node.session.auth.password</c>, <c>password_in</c>, the discovery ones).</summary>
    private static bool IsSecret(string key) => key.Contains(".password", StringComparison.Ordinal);

    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var c in context.Config.Clients.Where(c => c.Iscsid is not null && c.IscsiRecords.Count > 0))
        {
            foreach (var e in c.Iscsid!.Entries.Where(e => e.Key.StartsWith("node.", StringComparison.Ordinal)))
            {
                var secret = IsSecret(e.Key);
                foreach (var r in c.IscsiRecords)
                {
                    if (r.Get(e.Key) is not { } used || used.Value == e.Value) continue;
                    // iscsiadm prints a record's secrets as ******** (without -S): nothing to compare, and nothing to show.
                    if (secret && used.Value.Length > 0 && used.Value.Trim('*').Length == 0) continue;
                    var value = secret ? "(a secret, not shown)" : e.Value;
                    yield return Found(Severity.Warning, e.Location,
                        $"iscsid.conf sets {e.Key} = {value}, but the record of {r.Target} at {r.Portal} still has {(secret ? (used.Value.Length == 0 ? "none" : "another") : used.Value)} ({used.Location})",
                        "iscsid.conf is copied into a node record when the record is created; open-iscsi uses the record, so editing iscsid.conf (and restarting open-iscsi, " +
                        "as the seeds say) changes nothing for targets already discovered: the failover runs with the old timeouts.",
                        $"iscsiadm -m node -T {r.Target} -p {r.Portal} -o update -n {e.Key} -v {(secret ? "<the value in iscsid.conf>" : e.Value)}, then log the session out and in " +
                        "(or delete the records and discover again).", Drills.KillPrimary);
                }
            }
        }
    }
}
