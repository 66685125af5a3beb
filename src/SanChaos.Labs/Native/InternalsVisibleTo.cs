using System.Runtime.CompilerServices;

// The unit tests drive the native helpers directly (a test plays a node opening its end of a pty).
[assembly: InternalsVisibleTo("SanChaos.Lab.Tests")]
