using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kaohe.Data.Migrations.Postgres
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
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DistributionOverride",
                table: "cycles",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GradeBandsJson",
                table: "cycles",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Money",
                table: "cycle_subjects",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rank",
                table: "cycle_subjects",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RankAmount",
                table: "cycle_subjects",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnitRank",
                table: "cycle_subjects",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "consequences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CycleId = table.Column<int>(type: "integer", nullable: true),
                    CycleSubjectId = table.Column<int>(type: "integer", nullable: true),
                    IsStaff = table.Column<bool>(type: "boolean", nullable: false),
                    ScopeId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    PersonStaffId = table.Column<int>(type: "integer", nullable: true),
                    SchemeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CapYear = table.Column<int>(type: "integer", nullable: true),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CapGrade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HandledBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IsStaff = table.Column<bool>(type: "boolean", nullable: false),
                    ScopeId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    PersonStaffId = table.Column<int>(type: "integer", nullable: true),
                    SchemeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SchemeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartsJson = table.Column<string>(type: "text", nullable: false),
                    Missing = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<decimal>(type: "numeric", nullable: true),
                    GradeBeforeCap = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Grade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Explanation = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
