using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// The CHAP values of the templates (<c>sut.iscsi_target.chap</c>): the flags <c>chap</c> and <c>chap_mutual</c>, the user
/// names <c>chap_user</c> and <c>chap_mutual_user</c>, and the secrets <c>chap_password</c> and <c>chap_mutual_password</c>,
/// resolved here. The secrets go only into files of mode 0600 (files.yaml: lio-target.chap, tgt's sanchaos.conf, iscsid.conf),
/// never into a command line or a message: errors name where a secret comes from, not what it is.
/// </summary>
internal static class ChapValues
{
    /// <summary>The most characters open-iscsi, LIO and tgt all take for a CHAP name or secret.</summary>
    private const int MaxLength = 255;

    /// <summary>Adds the values (empty and false without CHAP).</summary>
    public static void Add(LabInventory inv, Dictionary<string, string> scalars, Dictionary<string, bool> flags)
    {
        var chap = inv.Sut.Target.Chap;
        var mutual = chap?.Mutual == true;
        flags["chap"] = chap is not null;
        flags["chap_mutual"] = mutual;
        scalars["chap_user"] = chap?.User ?? "";
        scalars["chap_password"] = chap is null ? "" : Secret(inv, chap, chap.Password, "password");
        scalars["chap_mutual_user"] = mutual ? chap!.MutualUser! : "";
        scalars["chap_mutual_password"] = mutual ? Secret(inv, chap!, chap!.MutualPassword!, "mutual_password") : "";
        if (mutual && scalars["chap_password"] == scalars["chap_mutual_password"])
            throw SutValueBuilder.Problem(inv, $"sut.iscsi_target.chap ({chap!.Location}) gives the initiators and the target the same secret " +
                $"({chap.Password.Describe()} and {chap.MutualPassword!.Describe()})",
                "give mutual_password a secret of its own: anyone who learns one direction's secret could otherwise answer for the other " +
                "(RFC 3720 8.2.1: one CHAP secret should not authenticate several parties).");
    }

    private static string Secret(LabInventory inv, IscsiChapConfig chap, SecretRef secret, string key)
    {
        string value;
        try
        {
            value = secret.Resolve();
        }
        catch (SanChaosException e)
        {
            throw new SanChaosException($"Lab {inv.Name} ({inv.SourcePath}): the CHAP {key} of sut.iscsi_target.chap ({chap.Location}): {e.Problem}", e.Remedy, e);
        }

        if (value.Length is > 0 and <= MaxLength && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\'' or '"' or '\\' or '$' or '`'))
            return value;
        throw SutValueBuilder.Problem(inv, $"the CHAP {key} from {secret.Describe()} (sut.iscsi_target.chap, {chap.Location}) is empty, longer than " +
            $"{MaxLength} characters, or contains white space, quotes, '\\', '$' or '`' (the secret itself is not shown)",
            "put one word on the secret's first line: letters, digits and other punctuation, at least 12 characters " +
            "(RFC 3720 8.2.1 wants CHAP secrets of at least 96 bits on a network that is not encrypted).");
    }
}
