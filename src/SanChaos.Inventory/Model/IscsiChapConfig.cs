namespace SanChaos.Inventory.Model;

/// <summary>
/// CHAP credentials of the iSCSI target: the target accepts only initiators that answer its challenge with
/// <see cref="User"/> and the secret <see cref="Password"/>; with <see cref="MutualUser"/> the initiators check the target
/// the same way (mutual CHAP). Written as
/// <c>chap: { user: alice, password: { file: /etc/sanchaos/chap }, mutual_user: otter-san, mutual_password: { env: ... } }</c>
/// under <c>sut: iscsi_target</c>; the secrets are never written inline.
/// </summary>
/// <param name="User">The user name the initiators log in with (not a secret).</param>
/// <param name="Password">The initiators' secret, by reference.</param>
/// <param name="MutualUser">Mutual CHAP: the name the target answers with; null for one-way CHAP.</param>
/// <param name="MutualPassword">Mutual CHAP: the target's secret, by reference; null for one-way CHAP.</param>
/// <param name="Location">Where <c>chap:</c> is written, for errors about the secrets' values.</param>
public sealed record IscsiChapConfig(string User, SecretRef Password, string? MutualUser, SecretRef? MutualPassword, SourceLocation Location)
{
    /// <summary>True when the initiators authenticate the target too.</summary>
    public bool Mutual => MutualUser is not null && MutualPassword is not null;
}
