using Kaohe.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

// Scaffolds one migration per provider into src/Kaohe.Data/Migrations/{Sqlite,Postgres}, the way
// `dotnet ef migrations add` would (that tool is not on this machine's NuGet mirror).
if (args.Length != 1 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: dotnet run --project tools/Kaohe.MigrationTool -- <MigrationName>");
    return 2;
}
var name = args[0];
var root = FindRepositoryRoot();
var project = Path.Combine(root, "src", "Kaohe.Data");

Scaffold(KaoheDatabase.Open("Data Source=:memory:"), "Sqlite", new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices());
Scaffold(KaoheDatabase.Open("Host=127.0.0.1;Database=design_time_only"), "Postgres", new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices());
return 0;

void Scaffold(KaoheDatabase database, string folder, IDesignTimeServices providerServices)
{
    using var db = database.CreateContext();
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(db);
    providerServices.ConfigureDesignTimeServices(services);
    using var provider = services.BuildServiceProvider();
    var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, "Kaohe.Data", "Migrations." + folder, "C#");
    var files = scaffolder.Save(project, migration, Path.Combine(project, "Migrations", folder));
    Console.WriteLine($"{folder}: {files.MigrationFile}");
}

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kaohe.slnx"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("Kaohe.slnx not found above " + AppContext.BaseDirectory);
}
