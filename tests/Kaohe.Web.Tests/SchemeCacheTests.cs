using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Tests;
using Kaohe.Schemes;

namespace Kaohe.Web.Tests;

/// <summary>The parsed-scheme cache is per database: version ids of two databases are unrelated.</summary>
public sealed class SchemeCacheTests
{
    [Fact]
    public void The_same_version_id_in_two_databases_gives_each_its_own_scheme()
    {
        using var a = TestDatabase.Create(DatabaseProvider.Sqlite);
        using var b = TestDatabase.Create(DatabaseProvider.Sqlite);
        foreach (var (db, code) in new[] { (a, "TPL-07"), (b, "TPL-04") })
        {
            db.Database.Migrate();
            using var ctx = db.Database.CreateContext();
            ctx.SchemeVersions.Add(new SchemeVersion { SchemeCode = code, Version = 1, Name = code, Yaml = SchemeCatalog.TemplateText(code)!, Builtin = true, CreatedBy = "t" });
            ctx.SaveChanges();
        }
        using var ca = a.Database.CreateContext();
        using var cb = b.Database.CreateContext();
        var idA = ca.SchemeVersions.Single().Id;
        var idB = cb.SchemeVersions.Single().Id;
        Assert.Equal(idA, idB);
        Assert.Equal("TPL-07", new CycleService(ca).SchemeOf(idA).Id);
        Assert.Equal("TPL-04", new CycleService(cb).SchemeOf(idB).Id);
    }
}
