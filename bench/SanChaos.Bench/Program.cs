using SanChaos.Bench;

return await BenchCommands.RunAsync(args).ConfigureAwait(false);
