using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Import;
using Kaohe.Data.Model;
using Kaohe.IO;

namespace Kaohe.Web;

/// <summary>
/// Imports of the customer base from the browser and the API: the upload is written to a private temporary folder
/// under a fixed name (the importer reads files), imported all or nothing under the name the user gave it (cleaned:
/// <see cref="UploadName"/>; no message or import record shows the server's path), and deleted.
/// </summary>
public static class Uploads
{
    /// <summary>Imports are for administrators and HR of the whole company (an import is not limited to a unit).</summary>
    public static void CheckMayImport(Actor actor)
    {
        if (actor.Role != AccountRole.Admin && !(actor.Role == AccountRole.Hr && actor.UnitId is null))
            throw CycleException.Forbidden("导入客户数据需要系统管理员或全公司范围的考核管理员");
    }

    /// <summary>
    /// Imports <paramref name="content"/> as <paramref name="kind"/>. A file type that cannot be imported is refused
    /// (<see cref="ImportFileException"/>) before anything is stored.
    /// </summary>
    /// <param name="actor">Who imports: recorded with the import and in the audit trail.</param>
    public static async Task<ImportReport> Import(KaoheDatabase database, Actor actor, string kind, string fileName, Stream content,
        IProgress<ImportProgress>? progress, CancellationToken cancel)
    {
        CheckMayImport(actor);
        var name = UploadName.Clean(fileName);
        ImportTable.CheckName(name);
        var dir = Directory.CreateTempSubdirectory("kaohe-upload-");
        try
        {
            // The extension is one of ImportTable.Extensions; the user's name is only ever shown.
            var path = Path.Combine(dir.FullName, "upload" + UploadName.Extension(name));
            await using (var file = File.Create(path)) await content.CopyToAsync(file, cancel);
            return await Task.Run(() => Importer.Run(database, kind, path, progress, cancel, displayName: name, actor: actor.UserName), cancel);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
