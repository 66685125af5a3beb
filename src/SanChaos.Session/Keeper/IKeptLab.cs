using SanChaos.Labs;

namespace SanChaos.Session.Keeper;

/// <summary>
/// The surfaces of a lab that a keeper serves over its control socket (<see cref="KeeperServer"/>) and that an attached
/// process drives through it (<see cref="AttachedLab"/>): nodes, PDU addresses, cables, the serial cable, link shaping.
/// </summary>
public interface IKeptLab : ILab, IPduEndpoints, ICableControl, ISerialCableControl, ILinkShaping;
