namespace SanChaos.Labs.State;

/// <summary>An open-iscsi session, from <c>iscsiadm -m session</c> (and its states from <c>-P 1</c>).</summary>
/// <param name="Sid">Session id.</param>
/// <param name="Target">Target IQN.</param>
/// <param name="Address">Portal address.</param>
/// <param name="Port">Portal port.</param>
/// <param name="Tpgt">Target portal group tag.</param>
/// <param name="Transport">Transport (tcp), when known.</param>
/// <param name="ConnectionState">iSCSI connection state (<c>LOGGED IN</c>, <c>TRANSPORT WAIT</c>...), from -P 1.</param>
/// <param name="SessionState">Kernel session state (<c>LOGGED_IN</c>, <c>FAILED</c>, <c>FREE</c>), from -P 1.</param>
public sealed record IscsiSession(
    int Sid, string Target, string Address, int Port, int Tpgt, string? Transport, string? ConnectionState, string? SessionState)
{
    /// <summary><c>address:port</c>.</summary>
    public string Portal => $"{Address}:{Port}";

    /// <summary>True unless -P 1 reported a state other than logged in.</summary>
    public bool IsLoggedIn => (SessionState is null || SessionState == "LOGGED_IN") && (ConnectionState is null || ConnectionState == "LOGGED IN");

    /// <inheritdoc />
    public override string ToString() => $"[{Sid}] {Portal} {Target}" + (SessionState is null ? "" : $" {SessionState}");
}
