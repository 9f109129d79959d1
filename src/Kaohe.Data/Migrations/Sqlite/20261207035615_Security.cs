using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaohe.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Security : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Actor",
                table: "import_runs",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmDeadline",
                table: "cycle_subjects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PersonStaffId",
                table: "cycle_subjects",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CycleId",
                table: "audit_entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ip",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "audit_entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedSignIns",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LockedUntil",
                table: "accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MustChangePassword",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sessions_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cycle_subjects_PersonStaffId",
                table: "cycle_subjects",
                column: "PersonStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_CycleId",
                table: "audit_entries",
                column: "CycleId");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_AccountId",
                table: "sessions",
                column: "AccountId");

            migrationBuilder.AddForeignKey(
                name: "FK_cycle_subjects_staff_PersonStaffId",
                table: "cycle_subjects",
                column: "PersonStaffId",
                principalTable: "staff",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Appraisals of people opened before this migration: the person is the staff subject itself.
            migrationBuilder.Sql("UPDATE cycle_subjects SET \"PersonStaffId\" = \"ScopeId\" WHERE \"IsStaff\" = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_cycle_subjects_staff_PersonStaffId",
                table: "cycle_subjects");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropIndex(
                name: "IX_cycle_subjects_PersonStaffId",
                table: "cycle_subjects");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_CycleId",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Actor",
                table: "import_runs");

            migrationBuilder.DropColumn(
                name: "ConfirmDeadline",
                table: "cycle_subjects");

            migrationBuilder.DropColumn(
                name: "PersonStaffId",
                table: "cycle_subjects");

            migrationBuilder.DropColumn(
                name: "CycleId",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Ip",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "FailedSignIns",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "MustChangePassword",
                table: "accounts");
        }
    }
}
