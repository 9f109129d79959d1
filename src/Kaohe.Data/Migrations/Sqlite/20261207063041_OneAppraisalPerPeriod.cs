using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaohe.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneAppraisalPerPeriod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CancelReason",
                table: "cycles",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAt",
                table: "cycles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelledBy",
                table: "cycles",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReplacesCycleId",
                table: "cycles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "cycle_subjects",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Period",
                table: "cycle_subjects",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SchemeCode",
                table: "cycle_subjects",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Existing appraisals: scheme and period from their cycle; where someone was appraised twice already, the
            // newest counts as the active one (the older stay in the history).
            migrationBuilder.Sql("UPDATE cycle_subjects SET \"Period\" = (SELECT c.\"Period\" FROM cycles c WHERE c.\"Id\" = cycle_subjects.\"CycleId\"), "
                + "\"SchemeCode\" = (SELECT v.\"SchemeCode\" FROM cycles c JOIN scheme_versions v ON v.\"Id\" = c.\"SchemeVersionId\" WHERE c.\"Id\" = cycle_subjects.\"CycleId\");");
            migrationBuilder.Sql("UPDATE cycle_subjects SET \"Active\" = 1 WHERE \"Id\" IN (SELECT MAX(\"Id\") FROM cycle_subjects GROUP BY \"SchemeCode\", \"Period\", \"IsStaff\", \"ScopeId\");");

            migrationBuilder.CreateIndex(
                name: "IX_cycles_ReplacesCycleId",
                table: "cycles",
                column: "ReplacesCycleId");

            migrationBuilder.CreateIndex(
                name: "IX_cycle_subjects_SchemeCode_Period_IsStaff_ScopeId",
                table: "cycle_subjects",
                columns: new[] { "SchemeCode", "Period", "IsStaff", "ScopeId" },
                unique: true,
                filter: "\"Active\" = 1");

            migrationBuilder.AddForeignKey(
                name: "FK_cycles_cycles_ReplacesCycleId",
                table: "cycles",
                column: "ReplacesCycleId",
                principalTable: "cycles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_cycles_cycles_ReplacesCycleId",
                table: "cycles");

            migrationBuilder.DropIndex(
                name: "IX_cycles_ReplacesCycleId",
                table: "cycles");

            migrationBuilder.DropIndex(
                name: "IX_cycle_subjects_SchemeCode_Period_IsStaff_ScopeId",
                table: "cycle_subjects");

            migrationBuilder.DropColumn(
                name: "CancelReason",
                table: "cycles");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "cycles");

            migrationBuilder.DropColumn(
                name: "CancelledBy",
                table: "cycles");

            migrationBuilder.DropColumn(
                name: "ReplacesCycleId",
                table: "cycles");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "cycle_subjects");

            migrationBuilder.DropColumn(
                name: "Period",
                table: "cycle_subjects");

            migrationBuilder.DropColumn(
                name: "SchemeCode",
                table: "cycle_subjects");
        }
    }
}
