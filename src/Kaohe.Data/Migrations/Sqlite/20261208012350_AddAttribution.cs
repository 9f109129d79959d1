using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaohe.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddAttribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attribution_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Customer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HasTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DealCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AssistantStaffId = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attribution_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_attribution_decisions_staff_AssistantStaffId",
                        column: x => x.AssistantStaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_attribution_decisions_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_attribution_decisions_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "attribution_settings",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Settings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attribution_settings", x => x.UnitId);
                    table.ForeignKey(
                        name: "FK_attribution_settings_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "consultant_presence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consultant_presence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consultant_presence_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_consultant_presence_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sales_deals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Customer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HasTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    CommissionFen = table.Column<long>(type: "INTEGER", nullable: false),
                    SaleAmountFen = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sales_deals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sales_deals_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_deals_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sales_fines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HasTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Customer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sales_fines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sales_fines_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_fines_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sales_follow_ups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Customer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HasTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sales_follow_ups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sales_follow_ups_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_follow_ups_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sales_receptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Customer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HasTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    RotaPosition = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    NamedStaffId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReferredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Accompanied = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReservationFiled = table.Column<bool>(type: "INTEGER", nullable: false),
                    BroughtByStaffId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sales_receptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sales_receptions_staff_BroughtByStaffId",
                        column: x => x.BroughtByStaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_receptions_staff_NamedStaffId",
                        column: x => x.NamedStaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_receptions_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_receptions_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sales_refusals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Customer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HasTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sales_refusals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sales_refusals_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_refusals_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_attribution_decisions_AssistantStaffId",
                table: "attribution_decisions",
                column: "AssistantStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_attribution_decisions_Month_UnitId",
                table: "attribution_decisions",
                columns: new[] { "Month", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_attribution_decisions_StaffId",
                table: "attribution_decisions",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_attribution_decisions_UnitId_Customer_DealCode_At",
                table: "attribution_decisions",
                columns: new[] { "UnitId", "Customer", "DealCode", "At" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_consultant_presence_Month_UnitId",
                table: "consultant_presence",
                columns: new[] { "Month", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_consultant_presence_StaffId_Status_Start",
                table: "consultant_presence",
                columns: new[] { "StaffId", "Status", "Start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_consultant_presence_UnitId",
                table: "consultant_presence",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_deals_Month_UnitId",
                table: "sales_deals",
                columns: new[] { "Month", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_deals_StaffId",
                table: "sales_deals",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_deals_UnitId_Code",
                table: "sales_deals",
                columns: new[] { "UnitId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sales_fines_Month_UnitId",
                table: "sales_fines",
                columns: new[] { "Month", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_fines_StaffId",
                table: "sales_fines",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_fines_UnitId_StaffId_At",
                table: "sales_fines",
                columns: new[] { "UnitId", "StaffId", "At" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sales_follow_ups_Month_UnitId",
                table: "sales_follow_ups",
                columns: new[] { "Month", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_follow_ups_StaffId",
                table: "sales_follow_ups",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_follow_ups_UnitId_Customer_StaffId_At",
                table: "sales_follow_ups",
                columns: new[] { "UnitId", "Customer", "StaffId", "At" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sales_receptions_BroughtByStaffId",
                table: "sales_receptions",
                column: "BroughtByStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_receptions_Month_BroughtByStaffId",
                table: "sales_receptions",
                columns: new[] { "Month", "BroughtByStaffId" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_receptions_Month_UnitId",
                table: "sales_receptions",
                columns: new[] { "Month", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_receptions_NamedStaffId",
                table: "sales_receptions",
                column: "NamedStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_receptions_StaffId",
                table: "sales_receptions",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_receptions_UnitId_Customer_StaffId_At",
                table: "sales_receptions",
                columns: new[] { "UnitId", "Customer", "StaffId", "At" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sales_refusals_Month_UnitId",
                table: "sales_refusals",
                columns: new[] { "Month", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_refusals_StaffId",
                table: "sales_refusals",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_refusals_UnitId_Customer_StaffId_At",
                table: "sales_refusals",
                columns: new[] { "UnitId", "Customer", "StaffId", "At" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attribution_decisions");

            migrationBuilder.DropTable(
                name: "attribution_settings");

            migrationBuilder.DropTable(
                name: "consultant_presence");

            migrationBuilder.DropTable(
                name: "sales_deals");

            migrationBuilder.DropTable(
                name: "sales_fines");

            migrationBuilder.DropTable(
                name: "sales_follow_ups");

            migrationBuilder.DropTable(
                name: "sales_receptions");

            migrationBuilder.DropTable(
                name: "sales_refusals");
        }
    }
}
