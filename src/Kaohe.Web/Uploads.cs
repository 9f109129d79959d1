using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Import;
using Kaohe.Data.Model;

namespace Kaohe.Web;

/// <summary>
/// Imports of the customer base from the browser and the API: the upload is written to a private temporary
/// folder under its own file name (the importer reads files and records the name), imported all or nothing,
/// and deleted.
/// </summary>
public static class Uploads
{
    public const long MaxBytes = 200L * 1024 * 1024;

    /// <summary>Imports are for administrators and HR of the whole company (an import is not limited to a unit).</summary>
    public static void CheckMayImport(Actor actor)
    {
        if (actor.Role != AccountRole.Admin && !(actor.Role == AccountRole.Hr && actor.UnitId is null))
            throw CycleException.Forbidden("导入客户数据需要系统管理员或全公司范围的考核管理员");
    }

    public static async Task<ImportReport> Import(KaoheDatabase database, string kind, string fileName, Stream content,
        IProgress<ImportProgress>? progress, CancellationToken cancel)
    {
        var name = Path.GetFileName(fileName);
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) name = "upload" + Path.GetExtension(fileName);
        var dir = Directory.CreateTempSubdirectory("kaohe-upload-");
        try
        {
            var path = Path.Combine(dir.FullName, name);
            await using (var file = File.Create(path)) await content.CopyToAsync(file, cancel);
            return await Task.Run(() => Importer.Run(database, kind, path, progress, cancel), cancel);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
