using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaohe.Web.Tests;

/// <summary>Imports through the API: all or nothing, every bad row named, only for those who may change the whole base.</summary>
public abstract class ImportApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task Units_and_staff_are_imported_a_bad_row_is_named_and_nothing_is_written()
    {
        CreateCompany();
        using var admin = await Host.As("admin");
        var units = await File.ReadAllBytesAsync(Path.Combine(Repo.Root, "examples", "import", "units.csv"));
        var staff = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "examples", "import", "staff.csv"));

        var done = await Json.Read(await admin.PostAsync("/api/import/units", Files.Upload("units.csv", units)), HttpStatusCode.OK);
        Assert.True(done.Int("inserted") > 0);
        var again = await Json.Read(await admin.PostAsync("/api/import/units", Files.Upload("units.csv", units)), HttpStatusCode.OK);
        Assert.Equal((0, 0), (again.Int("inserted"), again.Int("updated")));

        using (var db = Host.Db.Database.CreateContext())
        {
            var before = db.Staff.Count();
            var bad = staff.Replace("E0002,李强,HZ,", "E0002,李强,NOPE,", StringComparison.Ordinal);
            var refused = await Json.Read(await admin.PostAsync("/api/import/staff", Files.Upload("staff.csv", System.Text.Encoding.UTF8.GetBytes(bad))), HttpStatusCode.BadRequest);
            var error = refused.GetProperty("errors")[0];
            Assert.Equal((3, "NOPE"), (error.Int("row"), error.Str("value")));
            Assert.Equal(before, db.Staff.Count());
        }
        await Json.Read(await admin.PostAsync("/api/import/nonsense", Files.Upload("x.csv", units)), HttpStatusCode.BadRequest);

        using var hr1 = await Host.As("hr1"); // HR of one team only
        await Json.Read(await hr1.PostAsync("/api/import/units", Files.Upload("units.csv", units)), HttpStatusCode.Forbidden);
        using var rater = await Host.As("rater1");
        await Json.Read(await rater.PostAsync("/api/import/units", Files.Upload("units.csv", units)), HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteImportApiTests() : ImportApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresImportApiTests() : ImportApiTests(DatabaseProvider.PostgreSql);
