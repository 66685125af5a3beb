namespace SanChaos.Faults.Pdu.Snmp;

/// <summary>The error-status field of a response (RFC 1157 for 0-5, RFC 3416 for the rest).</summary>
internal enum SnmpErrorStatus
{
    /// <summary>No error.</summary>
    NoError = 0,

    /// <summary>The response would not fit.</summary>
    TooBig = 1,

    /// <summary>v1: no such variable, or (on SET) not writable with this community.</summary>
    NoSuchName = 2,

    /// <summary>v1: wrong type or value in a SET.</summary>
    BadValue = 3,

    /// <summary>v1: read-only variable.</summary>
    ReadOnly = 4,

    /// <summary>Any other failure.</summary>
    GenErr = 5,

    /// <summary>v2c: the community may not access this variable (read-only community on a SET).</summary>
    NoAccess = 6,

    /// <summary>v2c: SET value of the wrong type.</summary>
    WrongType = 7,

    /// <summary>v2c: SET value of the wrong length.</summary>
    WrongLength = 8,

    /// <summary>v2c: SET value badly encoded.</summary>
    WrongEncoding = 9,

    /// <summary>v2c: SET value out of range.</summary>
    WrongValue = 10,

    /// <summary>v2c: the instance does not exist and cannot be created.</summary>
    NoCreation = 11,

    /// <summary>v2c: the value is inconsistent with other state.</summary>
    InconsistentValue = 12,

    /// <summary>v2c: out of resources.</summary>
    ResourceUnavailable = 13,

    /// <summary>v2c: the commit failed.</summary>
    CommitFailed = 14,

    /// <summary>v2c: the commit failed and could not be undone.</summary>
    UndoFailed = 15,

    /// <summary>v2c: access denied.</summary>
    AuthorizationError = 16,

    /// <summary>v2c: the variable exists but cannot be written.</summary>
    NotWritable = 17,

    /// <summary>v2c: the instance name is inconsistent.</summary>
    InconsistentName = 18,
}
