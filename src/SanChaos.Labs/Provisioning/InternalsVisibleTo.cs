using System.Runtime.CompilerServices;

// Unit tests drive the template engine and the steady-state conditions (internal sealed) directly.
[assembly: InternalsVisibleTo("SanChaos.Lab.Tests")]
