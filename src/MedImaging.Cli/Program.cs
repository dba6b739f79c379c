using MedImaging.Cli;

return CliApp.Run(args);
