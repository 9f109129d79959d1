namespace Kaohe.Data.Demo;

/// <summary>
/// Whom each built-in template appraises in the demo company (issue 14): a person template the staff of one 岗位
/// (<see cref="Model.Staff.Role"/>, opened with <c>OpenCycleRequest.StaffRole</c>), a department template one
/// department (by unit code), an office or team template every unit of that kind. docs/demo.md has the table.
/// </summary>
/// <param name="Template">The template's id (TPL-05).</param>
/// <param name="StaffRole">The 岗位 of a person template; null for a unit template.</param>
/// <param name="UnitCode">The department a department template appraises; null for the others (every office or team).</param>
public sealed record DemoTemplate(string Template, string? StaffRole, string? UnitCode);

/// <summary>The 岗位 of the demo company and which of them each built-in template appraises.</summary>
public static class DemoTemplates
{
    public const string GeneralManager = "总经理";
    public const string DepartmentHead = "部门经理";
    public const string OfficeChief = "办事处主任";
    public const string AccountManager = "客户经理";
    public const string ServiceStaff = "客服专员";
    public const string TeamLeader = "组长";
    public const string KeyAccountManager = "大客户经理";
    public const string ServiceDeptManager = "客服部经理";
    public const string ServiceManager = "客服经理";
    public const string ServiceCenterManager = "客户服务中心经理";
    public const string StoreService = "门店客服";
    public const string KeyAccountSpecialist = "客户专员";

    /// <summary>Every built-in template, in order, with whom it appraises in the demo.</summary>
    public static IReadOnlyList<DemoTemplate> All { get; } =
    [
        new("TPL-01", null, "KHB"),
        new("TPL-02", null, "SCB"),
        new("TPL-03", null, "XSB"),
        new("TPL-04", null, null),
        new("TPL-05", KeyAccountManager, null),
        new("TPL-06", ServiceDeptManager, null),
        new("TPL-07", ServiceManager, null),
        new("TPL-08", ServiceCenterManager, null),
        new("TPL-09", KeyAccountManager, null),
        new("TPL-10", KeyAccountManager, null),
        new("TPL-11", AccountManager, null),
        new("TPL-12", ServiceDeptManager, null),
        new("TPL-13", ServiceDeptManager, null),
        new("TPL-14", null, "KFB"),
        new("TPL-15", AccountManager, null),
        new("TPL-16", AccountManager, null),
        new("TPL-17", AccountManager, null),
        new("TPL-18", AccountManager, null),
        new("TPL-19", AccountManager, null),
        new("TPL-20", ServiceStaff, null),
        new("TPL-21", StoreService, null),
        new("TPL-22", null, null),
        new("TPL-23", AccountManager, null),
        new("TPL-30", KeyAccountSpecialist, null),
    ];

    /// <summary>Whom <paramref name="template"/> (TPL-05) appraises in the demo; null for a template not in the table.</summary>
    public static DemoTemplate? For(string template) => All.FirstOrDefault(t => t.Template == template);

    /// <summary>The 岗位 a person template appraises in the demo (TPL-05 → 大客户经理); null for a unit template.</summary>
    public static string? RoleFor(string template) => For(template)?.StaffRole;
}
