using SanChaos.Inventory.Model;

namespace SanChaos.Config.Lint.Rules;

/// <summary>
/// <c>iscsi.target-auth</c>: an iSCSI target that lets initiators in without CHAP. Read from what each storage node has: the LIO
/// portal groups in configfs (<c>attrib/authentication</c>, the holder's), else SanChaos's lio-target.conf (<c>AUTH='1'</c>), and
/// tgt's configuration (<c>incominguser</c> in each <c>&lt;target&gt;</c>). An error on a rack (<c>kind: hardware</c>), whose
/// storage networks other machines reach; info on the embedded and Vagrant labs, whose networks are their own; a warning when
/// the lab kind is unknown (a folder without <c>.lab-kind</c>).
/// </summary>
internal sealed class TargetAuthRule() : ConfigRule("iscsi.target-auth", "the iSCSI target requires CHAP of every initiator")
{
    private const string Fix =
        "Give the inventory's target CHAP credentials, `sut: iscsi_target: chap: { user: <name>, password: { file: <path, mode 600> } }` " +
        "(SanChaos then writes authentication=1 and one ACL per client with the user and secret for LIO, `incominguser` for tgt, " +
        "and node.session.auth.* in the clients' iscsid.conf). By hand: LIO `attrib/authentication=1`, `generate_node_acls=0` and an ACL " +
        "per initiator with `auth/userid` and `auth/password`; tgt `incominguser <user> <secret>` in the <target> block.";

    public override IEnumerable<Finding> Check(LintContext context)
    {
        var (severity, reach) = context.Config.Kind switch
        {
            LabKind.Hardware => (Severity.Error, "On a rack the storage networks reach other machines (and anyone who plugs into their switches)."),
            LabKind.Embedded or LabKind.Vagrant => (Severity.Info,
                "This lab's storage networks are its own (a private network namespace or virtual networks), so it is only noted here; on a rack it is an error."),
            _ => (Severity.Warning, "Whether that matters depends on who can reach the storage networks: an error on a rack. A `.lab-kind` file beside " +
                "the node folders (`hardware`, `embedded`) says which lab this is."),
        };
        var why = "Any host on a storage network can log in to the target and read or overwrite the LUN, and a second initiator writing to it " +
                  "corrupts the client's data. An initiator name is no secret: it travels in clear text and anyone can claim it. " + reach;
        foreach (var n in context.Config.StorageNodes)
            foreach (var (at, message) in OpenTargets(n))
                yield return Found(severity, at, message, why, Fix);
    }

    /// <summary>Each target on <paramref name="n"/> that takes initiators without CHAP, with where it says so.</summary>
    private static IEnumerable<(ConfigLocation At, string Message)> OpenTargets(NodeConfiguration n)
    {
        if (n.LioTpgs.Count > 0)
        {
            foreach (var t in n.LioTpgs.Where(t => !t.Authentication))
                yield return (t.Location, $"LIO target {t.Target} {t.Group} on {n.Name} takes logins without CHAP (authentication=0; " +
                                          (t.GenerateNodeAcls ? "demo mode, generate_node_acls=1: any initiator" : $"{t.Acls} ACL(s) by initiator name only") + ")");
        }
        else if (n.LioTarget is { Chap: false } conf)
        {
            yield return (conf.Auth?.Location ?? conf.File.At(), $"lio-target.conf on {n.Name} builds {conf.Iqn ?? "its target"} without CHAP " +
                                                                 "(no AUTH='1': demo mode, authentication=0, any initiator)");
        }

        foreach (var t in n.TgtTargets.Where(t => t.IncomingUsers.Count == 0))
            yield return (t.Location, $"tgt target {t.Name} on {n.Name} has no incominguser: it takes logins without CHAP " +
                                      (t.InitiatorRules == 0 ? "from any initiator" : $"(only {t.InitiatorRules} initiator-name/address rule(s))"));
    }
}
