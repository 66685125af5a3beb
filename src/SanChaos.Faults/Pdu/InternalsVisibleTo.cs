using System.Runtime.CompilerServices;

// The BER codec and the SNMP transport are internal; their unit tests check them byte by byte.
[assembly: InternalsVisibleTo("SanChaos.Faults.Tests")]
