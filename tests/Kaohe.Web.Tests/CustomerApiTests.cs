using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaohe.Web.Tests;

/// <summary>Browsing customers: scoped to the units a user covers.</summary>
public abstract class CustomerApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task Customers_are_searched_and_shown_only_within_the_users_units()
    {
        CreateCompany();
        int inTeam2;
        using (var db = Host.Db.Database.CreateContext())
        {
            var t1 = db.Units.Single(u => u.Code == "T1").Id;
            var t2 = db.Units.Single(u => u.Code == "T2").Id;
            db.Customers.AddRange(
                new Kaohe.Data.Model.Customer { Code = "K1", Name = "甲公司", Class = "A", OwnerUnitId = t1, AcquiredOn = new DateOnly(2025, 1, 5) },
                new Kaohe.Data.Model.Customer { Code = "K2", Name = "乙公司", Class = "B", OwnerUnitId = t2, AcquiredOn = new DateOnly(2025, 2, 6) });
            db.SaveChanges();
            inTeam2 = db.Customers.Single(c => c.Code == "K2").Id;
        }
        using var hr = await Host.As("hr");
        var all = await Json.Read(await hr.GetAsync("/api/customers"), HttpStatusCode.OK);
        Assert.Equal(2, all.Int("total"));
        var found = await Json.Read(await hr.GetAsync("/api/customers?q=" + Uri.EscapeDataString("乙")), HttpStatusCode.OK);
        Assert.Equal(["K2"], found.GetProperty("items").EnumerateArray().Select(c => c.Str("code")));
        Assert.Equal("乙公司", (await Json.Read(await hr.GetAsync($"/api/customers/{inTeam2}"), HttpStatusCode.OK)).GetProperty("customer").Str("name"));

        using var hr1 = await Host.As("hr1");
        var scoped = await Json.Read(await hr1.GetAsync("/api/customers"), HttpStatusCode.OK);
        Assert.Equal(["K1"], scoped.GetProperty("items").EnumerateArray().Select(c => c.Str("code")));
        await Json.Read(await hr1.GetAsync($"/api/customers/{inTeam2}"), HttpStatusCode.NotFound);
        using var rater = await Host.As("rater1");
        await Json.Read(await rater.GetAsync("/api/customers"), HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteCustomerApiTests() : CustomerApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresCustomerApiTests() : CustomerApiTests(DatabaseProvider.PostgreSql);
