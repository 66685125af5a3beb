namespace SanChaos.Labs;

/// <summary>
/// A lab with every surface a keeper serves over its control socket (<c>sanchaos lab up --detach</c>, see
/// <c>SanChaos.Session.Keeper</c>) and that an attached process drives through it: nodes, PDU addresses, cables, the
/// serial cable, link shaping. The embedded lab is one; so is the keeper's lab as another process sees it.
/// </summary>
public interface IKeptLab : ILab, IPduEndpoints, ICableControl, ISerialCableControl, ILinkShaping;
