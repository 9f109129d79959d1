using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kaohe.Data;

public abstract partial class KaoheDb
{
    /// <summary>The reception register of the sales offices (客户来访登记).</summary>
    public DbSet<SalesReception> SalesReceptions => Set<SalesReception>();
    /// <summary>Follow-ups (回访) of sales-office customers.</summary>
    public DbSet<SalesFollowUp> SalesFollowUps => Set<SalesFollowUp>();
    /// <summary>Consultants' resting and busy intervals.</summary>
    public DbSet<ConsultantPresence> ConsultantPresences => Set<ConsultantPresence>();
    /// <summary>Refusals to receive (拒接).</summary>
    public DbSet<SalesRefusal> SalesRefusals => Set<SalesRefusal>();
    /// <summary>Deals (成交) with their commission.</summary>
    public DbSet<SalesDeal> SalesDeals => Set<SalesDeal>();
    /// <summary>Supervisors' decisions on attribution (主管裁定).</summary>
    public DbSet<AttributionDecision> AttributionDecisions => Set<AttributionDecision>();
    /// <summary>甩客 fines.</summary>
    public DbSet<SalesFine> SalesFines => Set<SalesFine>();
    /// <summary>Attribution settings per unit.</summary>
    public DbSet<UnitAttributionSettings> AttributionSettings => Set<UnitAttributionSettings>();

    private static void ConfigureAttribution(ModelBuilder b)
    {
        b.Entity<SalesReception>(e =>
        {
            e.ToTable("sales_receptions");
            e.Property(x => x.Customer).HasMaxLength(100);
            e.Property(x => x.RotaPosition).HasMaxLength(500);
            e.Property(x => x.ReferredBy).HasMaxLength(100);
            e.HasIndex(x => new { x.UnitId, x.Customer, x.StaffId, x.At }).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
            StaffKey(e, x => x.StaffId);
            StaffKey(e, x => x.NamedStaffId);
            StaffKey(e, x => x.BroughtByStaffId);
            e.HasIndex(x => new { x.Month, x.BroughtByStaffId });
        });
        b.Entity<SalesFollowUp>(e =>
        {
            e.ToTable("sales_follow_ups");
            e.Property(x => x.Customer).HasMaxLength(100);
            e.HasIndex(x => new { x.UnitId, x.Customer, x.StaffId, x.At }).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
            StaffKey(e, x => x.StaffId);
        });
        b.Entity<ConsultantPresence>(e =>
        {
            e.ToTable("consultant_presence");
            e.HasIndex(x => new { x.StaffId, x.Status, x.Start }).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
            StaffKey(e, x => x.StaffId);
        });
        b.Entity<SalesRefusal>(e =>
        {
            e.ToTable("sales_refusals");
            e.Property(x => x.Customer).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.UnitId, x.Customer, x.StaffId, x.At }).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
            StaffKey(e, x => x.StaffId);
        });
        b.Entity<SalesDeal>(e =>
        {
            e.ToTable("sales_deals");
            e.Property(x => x.Code).HasMaxLength(100);
            e.Property(x => x.Customer).HasMaxLength(100);
            e.HasIndex(x => new { x.UnitId, x.Code }).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
            StaffKey(e, x => x.StaffId);
        });
        b.Entity<AttributionDecision>(e =>
        {
            e.ToTable("attribution_decisions");
            e.Property(x => x.Customer).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.DealCode).HasMaxLength(100);
            e.Property(x => x.DecidedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.UnitId, x.Customer, x.DealCode, x.At }).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
            StaffKey(e, x => x.StaffId);
            StaffKey(e, x => x.AssistantStaffId);
        });
        b.Entity<SalesFine>(e =>
        {
            e.ToTable("sales_fines");
            e.Property(x => x.Customer).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.UnitId, x.StaffId, x.At }).IsUnique();
            e.HasIndex(x => new { x.Month, x.UnitId });
            Unit(e, x => x.UnitId);
            StaffKey(e, x => x.StaffId);
        });
        b.Entity<UnitAttributionSettings>(e =>
        {
            e.ToTable("attribution_settings");
            e.HasKey(x => x.UnitId);
            e.Property(x => x.UnitId).ValueGeneratedNever();
            e.Property(x => x.Settings).HasMaxLength(4000);
            e.Property(x => x.UpdatedBy).HasMaxLength(64);
            Unit(e, x => x.UnitId);
        });
    }

    private static void StaffKey<T>(EntityTypeBuilder<T> e, System.Linq.Expressions.Expression<Func<T, object?>> key) where T : class =>
        e.HasOne<Staff>().WithMany().HasForeignKey(key).OnDelete(DeleteBehavior.Restrict);
}
