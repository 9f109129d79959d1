using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data;

/// <summary>
/// The customer information base. One model for both providers; each provider has its own subclass so that
/// its migrations (Migrations/Sqlite, Migrations/Postgres) are kept apart. Open one with <see cref="KaoheDatabase"/>.
/// </summary>
public abstract partial class KaoheDb : DbContext
{
    protected KaoheDb(DbContextOptions options) : base(options) { }

    /// <summary>Which provider this context talks to.</summary>
    public abstract DatabaseProvider Provider { get; }

    public DbSet<OrgUnit> Units => Set<OrgUnit>();
    public DbSet<UnitClosure> UnitClosure => Set<UnitClosure>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerEvent> CustomerEvents => Set<CustomerEvent>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<Sale> Sales => Set<Sale>();
    public DbSet<Collection> Collections => Set<Collection>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<TouchpointCheck> TouchpointChecks => Set<TouchpointCheck>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<ServiceTask> ServiceTasks => Set<ServiceTask>();
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<Expense> Expenses => Set<Expense>();
    public DbSet<IndicatorActual> IndicatorActuals => Set<IndicatorActual>();
    public DbSet<ClosedPeriod> ClosedPeriods => Set<ClosedPeriod>();
    public DbSet<MetricValue> MetricValues => Set<MetricValue>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SchemeVersion> SchemeVersions => Set<SchemeVersion>();
    public DbSet<AppraisalCycle> Cycles => Set<AppraisalCycle>();
    public DbSet<CycleSubject> CycleSubjects => Set<CycleSubject>();
    public DbSet<RatingForm> RatingForms => Set<RatingForm>();
    public DbSet<Consequence> Consequences => Set<Consequence>();
    public DbSet<RollupResult> Rollups => Set<RollupResult>();

    /// <inheritdoc />
    /// <remarks>Refuses text longer than its column before writing: SQLite would store it, PostgreSQL would fail.</remarks>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BeforeSave()
    {
        CheckLengths();
        if (AuditActor is { } actor) Kaohe.Data.Accounts.MasterAudit.Write(this, actor, (AuditClock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Who is changing master data through this context (an import's actor). When set, every unit or staff member
    /// added or changed is written to the audit trail with the change (<see cref="Kaohe.Data.Accounts.MasterAudit"/>).
    /// </summary>
    public string? AuditActor { get; set; }

    /// <summary>The clock of those audit entries (default the system's).</summary>
    public TimeProvider? AuditClock { get; set; }

    private void CheckLengths()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.Metadata.GetMaxLength() is not { } max) continue;
                if (property.CurrentValue is string text && text.Length > max)
                    throw new Cycles.CycleException(
                        $"{FieldWords.Of(entry.Metadata.ClrType.Name, property.Metadata.Name)}最多 {max} 个字，“{(text.Length > 20 ? text[..20] + "…" : text)}”有 {text.Length} 个字");
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<OrgUnit>(e =>
        {
            e.ToTable("units");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<UnitClosure>(e =>
        {
            e.ToTable("unit_closure");
            e.HasKey(x => new { x.AncestorId, x.DescendantId });
            e.HasIndex(x => x.DescendantId);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.AncestorId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.DescendantId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Staff>(e =>
        {
            e.ToTable("staff");
            e.Property(x => x.EmployeeNo).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Role).HasMaxLength(100);
            e.HasIndex(x => x.EmployeeNo).IsUnique();
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Customer>(e =>
        {
            e.ToTable("customers");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Class).HasMaxLength(32);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.OwnerUnitId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.OwnerStaffId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CustomerEvent>(e =>
        {
            e.ToTable("customer_events");
            e.HasIndex(x => new { x.CustomerId, x.Kind, x.OccurredOn }).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            e.Property(x => x.Reason).HasMaxLength(500);
            Customer(e, x => x.CustomerId);
            Unit(e, x => x.UnitId);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.FromUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.FromStaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Complaint>(e =>
        {
            e.ToTable("complaints");
            e.Property(x => x.Code).HasMaxLength(64);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            e.HasIndex(x => new { x.ResolvedMonth, x.UnitId });
            e.Property(x => x.Channel).HasMaxLength(64);
            e.Property(x => x.Category).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(500);
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
            Unit(e, x => x.UnitId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.HandlerStaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Visit>(e =>
        {
            e.ToTable("visits");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Customer(e, x => x.CustomerId);
            Unit(e, x => x.UnitId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Sale>(e =>
        {
            e.ToTable("sales");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.ProductType).HasMaxLength(64);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Customer(e, x => x.CustomerId);
            Unit(e, x => x.UnitId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Collection>(e =>
        {
            e.ToTable("collections");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.SaleCode).HasMaxLength(64);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Customer(e, x => x.CustomerId);
            Unit(e, x => x.UnitId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Target>(e =>
        {
            e.ToTable("targets");
            e.Property(x => x.ScopeKey).HasMaxLength(80);
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.Metric).HasMaxLength(64);
            e.HasIndex(x => new { x.ScopeKey, x.Period, x.Metric }).IsUnique();
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<TouchpointCheck>(e =>
        {
            e.ToTable("touchpoint_checks");
            e.Property(x => x.Quarter).HasMaxLength(16);
            e.HasIndex(x => new { x.UnitId, x.Quarter }).IsUnique();
            Unit(e, x => x.UnitId);
        });
        b.Entity<Survey>(e =>
        {
            e.ToTable("surveys");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Respondent).HasMaxLength(100);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
            Unit(e, x => x.UnitId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ServiceTask>(e =>
        {
            e.ToTable("service_tasks");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Call>(e =>
        {
            e.ToTable("calls");
            e.Property(x => x.Code).HasMaxLength(64);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Expense>(e =>
        {
            e.ToTable("expenses");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Category).HasMaxLength(32);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
        });
        b.Entity<IndicatorActual>(e =>
        {
            e.ToTable("indicator_actuals");
            e.Property(x => x.ScopeKey).HasMaxLength(80);
            e.Property(x => x.Metric).HasMaxLength(64);
            e.HasIndex(x => new { x.ScopeKey, x.Month, x.Metric }).IsUnique();
            Unit(e, x => x.UnitId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ClosedPeriod>(e =>
        {
            e.ToTable("closed_periods");
            e.HasKey(x => x.Month);
            e.Property(x => x.Month).ValueGeneratedNever();
            e.Property(x => x.ClosedBy).HasMaxLength(100);
        });
        b.Entity<MetricValue>(e =>
        {
            e.ToTable("metric_values");
            e.Property(x => x.Metric).HasMaxLength(32);
            e.Property(x => x.Period).HasMaxLength(16);
            // No precision: PostgreSQL keeps the exact .NET decimal (unbounded numeric), SQLite keeps it as text.
            // A frozen value must read back exactly as computed (1/6 must not become 0.1666666667).
            e.HasIndex(x => new { x.Metric, x.ScopeKind, x.ScopeId, x.Period }).IsUnique();
            e.HasIndex(x => x.Period);
        });
        b.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.Property(x => x.UserName).HasMaxLength(64);
            e.Property(x => x.NormalizedUserName).HasMaxLength(64);
            e.Property(x => x.DisplayName).HasMaxLength(100);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.HasIndex(x => x.NormalizedUserName).IsUnique();
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
            Unit(e, x => x.UnitId);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.Property(x => x.Actor).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(32);
            e.Property(x => x.Entity).HasMaxLength(32);
            e.Property(x => x.EntityKey).HasMaxLength(200);
            e.Property(x => x.Field).HasMaxLength(100);
            e.Property(x => x.Ip).HasMaxLength(64);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.Entity, x.EntityKey });
            e.HasIndex(x => x.CycleId);
        });
        b.Entity<Session>(e =>
        {
            e.ToTable("sessions");
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.RevokedReason).HasMaxLength(100);
            e.Property(x => x.Ip).HasMaxLength(64);
            e.Property(x => x.UserAgent).HasMaxLength(300);
            e.HasIndex(x => x.AccountId);
            e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SchemeVersion>(e =>
        {
            e.ToTable("scheme_versions");
            e.Property(x => x.SchemeCode).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.SchemeCode, x.Version }).IsUnique();
        });
        b.Entity<AppraisalCycle>(e =>
        {
            e.ToTable("cycles");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.CancelledBy).HasMaxLength(64);
            e.Property(x => x.CancelReason).HasMaxLength(2000);
            e.Property(x => x.GradeBandsJson).HasMaxLength(4000);
            e.Property(x => x.DistributionJson).HasMaxLength(4000);
            e.Property(x => x.DistributionOverride).HasMaxLength(2000);
            e.HasOne<SchemeVersion>().WithMany().HasForeignKey(x => x.SchemeVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppraisalCycle>().WithMany().HasForeignKey(x => x.ReplacesCycleId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CycleSubject>(e =>
        {
            e.ToTable("cycle_subjects");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Grade).HasMaxLength(32);
            e.Property(x => x.AppealReason).HasMaxLength(2000);
            e.Property(x => x.Resolution).HasMaxLength(2000);
            e.Property(x => x.ResolvedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CycleId, x.IsStaff, x.ScopeId }).IsUnique();
            e.Property(x => x.SchemeCode).HasMaxLength(64);
            e.Property(x => x.Period).HasMaxLength(16);
            // One active appraisal per person (or unit), scheme and period: the database decides between two HR users.
            e.HasIndex(x => new { x.SchemeCode, x.Period, x.IsStaff, x.ScopeId }).IsUnique()
                .HasFilter(Provider == DatabaseProvider.PostgreSql ? "\"Active\"" : "\"Active\" = 1");
            e.HasIndex(x => x.AppraiseeAccountId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.PersonStaffId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppraisalCycle>().WithMany().HasForeignKey(x => x.CycleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Account>().WithMany().HasForeignKey(x => x.AppraiseeAccountId).OnDelete(DeleteBehavior.Restrict);
            Unit(e, x => x.UnitId);
        });
        b.Entity<RatingForm>(e =>
        {
            e.ToTable("rating_forms");
            e.Property(x => x.Role).HasMaxLength(64);
            e.Property(x => x.Comment).HasMaxLength(4000);
            e.Property(x => x.SavedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CycleSubjectId, x.Role }).IsUnique();
            e.HasIndex(x => x.RaterAccountId);
            e.HasOne<CycleSubject>().WithMany().HasForeignKey(x => x.CycleSubjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Account>().WithMany().HasForeignKey(x => x.RaterAccountId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Consequence>(e =>
        {
            e.ToTable("consequences");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.SchemeCode).HasMaxLength(64);
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Explanation).HasMaxLength(4000);
            e.Property(x => x.CapGrade).HasMaxLength(32);
            e.Property(x => x.HandledBy).HasMaxLength(64);
            e.Property(x => x.HandledNote).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.IsStaff, x.ScopeId, x.SchemeCode, x.Period, x.Type }).IsUnique();
            e.HasIndex(x => x.Status);
            e.HasOne<AppraisalCycle>().WithMany().HasForeignKey(x => x.CycleId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.PersonStaffId).OnDelete(DeleteBehavior.Restrict);
            Unit(e, x => x.UnitId);
        });
        b.Entity<RollupResult>(e =>
        {
            e.ToTable("rollup_results");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.SchemeCode).HasMaxLength(64);
            e.Property(x => x.SchemeName).HasMaxLength(200);
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.Method).HasMaxLength(200);
            e.Property(x => x.GradeBeforeCap).HasMaxLength(32);
            e.Property(x => x.Grade).HasMaxLength(32);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.SchemeCode, x.Period, x.IsStaff, x.ScopeId }).IsUnique();
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.PersonStaffId).OnDelete(DeleteBehavior.Restrict);
            Unit(e, x => x.UnitId);
        });
        b.Entity<ImportRun>(e =>
        {
            e.ToTable("import_runs");
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.FileName).HasMaxLength(500);
            e.Property(x => x.FileSha256).HasMaxLength(64);
            e.Property(x => x.Actor).HasMaxLength(64);
        });
        ConfigureAttribution(b);
    }

    private static void Customer<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e,
        System.Linq.Expressions.Expression<Func<T, object?>> key) where T : class =>
        e.HasOne<Customer>().WithMany().HasForeignKey(key).OnDelete(DeleteBehavior.Restrict);

    private static void Unit<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e,
        System.Linq.Expressions.Expression<Func<T, object?>> key) where T : class =>
        e.HasOne<OrgUnit>().WithMany().HasForeignKey(key).OnDelete(DeleteBehavior.Restrict);
}

/// <summary>The database provider behind a <see cref="KaoheDb"/>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The SQLite flavour of the base (the default; migrations in Migrations/Sqlite).</summary>
public sealed class SqliteKaoheDb(DbContextOptions<SqliteKaoheDb> options) : KaoheDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>The PostgreSQL flavour of the base (migrations in Migrations/Postgres).</summary>
public sealed class PostgresKaoheDb(DbContextOptions<PostgresKaoheDb> options) : KaoheDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

/// <summary>Chinese names of stored fields, for messages about them.</summary>
internal static class FieldWords
{
    private static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        ["OrgUnit"] = "单位", ["Staff"] = "员工", ["Customer"] = "客户", ["CustomerEvent"] = "客户事件", ["Complaint"] = "投诉",
        ["Visit"] = "拜访", ["Sale"] = "销售", ["Collection"] = "回款", ["Target"] = "目标", ["Survey"] = "调查", ["ServiceTask"] = "任务",
        ["Call"] = "来电", ["Expense"] = "费用", ["Account"] = "账号", ["SchemeVersion"] = "方案", ["AppraisalCycle"] = "考核",
        ["CycleSubject"] = "考核对象", ["RatingForm"] = "评分表", ["ImportRun"] = "导入记录", ["IndicatorActual"] = "指标实际值",
        ["Consequence"] = "考核结果处理", ["RollupResult"] = "汇总结果",
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Code"] = "编码", ["Name"] = "名称", ["EmployeeNo"] = "工号", ["Role"] = "岗位", ["UserName"] = "登录名", ["DisplayName"] = "姓名",
        ["SchemeCode"] = "方案编号", ["Period"] = "期间", ["Comment"] = "评语", ["AppealReason"] = "申诉理由", ["Resolution"] = "处理意见",
        ["Reason"] = "原因", ["Category"] = "类别", ["Channel"] = "渠道", ["Outcome"] = "处理结果", ["Kind"] = "类型", ["Class"] = "客户类别",
        ["Grade"] = "等级", ["FileName"] = "文件名", ["ProductType"] = "产品类型", ["Respondent"] = "受访人", ["Metric"] = "指标",
        ["ParentId"] = "上级单位", ["UnitId"] = "所属单位", ["SupervisorId"] = "上级", ["HiredOn"] = "入职日期", ["LeftOn"] = "离职日期",
    };

    /// <summary>A field's Chinese name.</summary>
    public static string Field(string field) => Fields.GetValueOrDefault(field, field);

    public static string Of(string entity, string field) =>
        $"{Entities.GetValueOrDefault(entity, "记录")}的“{Fields.GetValueOrDefault(field, "文字")}”";
}
