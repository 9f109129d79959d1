using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaohe.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResultsHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DistributionJson",
                table: "cycles",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DistributionOverride",
                table: "cycles",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GradeBandsJson",
                table: "cycles",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Money",
                table: "cycle_subjects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rank",
                table: "cycle_subjects",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RankAmount",
                table: "cycle_subjects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnitRank",
                table: "cycle_subjects",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "consequences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: true),
                    CycleSubjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonStaffId = table.Column<int>(type: "INTEGER", nullable: true),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CapYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CapGrade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HandledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consequences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consequences_cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_consequences_staff_PersonStaffId",
                        column: x => x.PersonStaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_consequences_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rollup_results",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IsStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonStaffId = table.Column<int>(type: "INTEGER", nullable: true),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchemeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Missing = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", nullable: true),
                    GradeBeforeCap = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rollup_results_staff_PersonStaffId",
                        column: x => x.PersonStaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_rollup_results_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_consequences_CycleId",
                table: "consequences",
                column: "CycleId");

            migrationBuilder.CreateIndex(
                name: "IX_consequences_IsStaff_ScopeId_SchemeCode_Period_Type",
                table: "consequences",
                columns: new[] { "IsStaff", "ScopeId", "SchemeCode", "Period", "Type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_consequences_PersonStaffId",
                table: "consequences",
                column: "PersonStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_consequences_Status",
                table: "consequences",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_consequences_UnitId",
                table: "consequences",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_rollup_results_PersonStaffId",
                table: "rollup_results",
                column: "PersonStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_rollup_results_SchemeCode_Period_IsStaff_ScopeId",
                table: "rollup_results",
                columns: new[] { "SchemeCode", "Period", "IsStaff", "ScopeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rollup_results_UnitId",
                table: "rollup_results",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consequences");

            migrationBuilder.DropTable(
                name: "rollup_results");

            migrationBuilder.DropColumn(
                name: "DistributionJson",
                table: "cycles");

            migrationBuilder.DropColumn(
                name: "DistributionOverride",
                table: "cycles");

            migrationBuilder.DropColumn(
                name: "GradeBandsJson",
                table: "cycles");

            migrationBuilder.DropColumn(
                name: "Money",
                table: "cycle_subjects");

            migrationBuilder.DropColumn(
                name: "Rank",
                table: "cycle_subjects");

            migrationBuilder.DropColumn(
                name: "RankAmount",
                table: "cycle_subjects");

            migrationBuilder.DropColumn(
                name: "UnitRank",
                table: "cycle_subjects");
        }
    }
}
