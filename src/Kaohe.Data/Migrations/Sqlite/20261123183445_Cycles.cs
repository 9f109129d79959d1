using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaohe.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cycles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scheme_versions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Yaml = table.Column<string>(type: "TEXT", nullable: false),
                    Builtin = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheme_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cycles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SchemeVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ConfirmDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReleasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmDeadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cycles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cycles_scheme_versions_SchemeVersionId",
                        column: x => x.SchemeVersionId,
                        principalTable: "scheme_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cycle_subjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    AppraiseeAccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    PayoutBase = table.Column<decimal>(type: "TEXT", nullable: true),
                    MetricsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Total = table.Column<decimal>(type: "TEXT", nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Payout = table.Column<decimal>(type: "TEXT", nullable: true),
                    Confirmation = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppealReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cycle_subjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cycle_subjects_accounts_AppraiseeAccountId",
                        column: x => x.AppraiseeAccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cycle_subjects_cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cycle_subjects_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rating_forms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleSubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RaterAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    InputsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rating_forms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rating_forms_accounts_RaterAccountId",
                        column: x => x.RaterAccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_rating_forms_cycle_subjects_CycleSubjectId",
                        column: x => x.CycleSubjectId,
                        principalTable: "cycle_subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cycle_subjects_AppraiseeAccountId",
                table: "cycle_subjects",
                column: "AppraiseeAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_cycle_subjects_CycleId_IsStaff_ScopeId",
                table: "cycle_subjects",
                columns: new[] { "CycleId", "IsStaff", "ScopeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cycle_subjects_UnitId",
                table: "cycle_subjects",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_cycles_SchemeVersionId",
                table: "cycles",
                column: "SchemeVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_rating_forms_CycleSubjectId_Role",
                table: "rating_forms",
                columns: new[] { "CycleSubjectId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rating_forms_RaterAccountId",
                table: "rating_forms",
                column: "RaterAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_scheme_versions_SchemeCode_Version",
                table: "scheme_versions",
                columns: new[] { "SchemeCode", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rating_forms");

            migrationBuilder.DropTable(
                name: "cycle_subjects");

            migrationBuilder.DropTable(
                name: "cycles");

            migrationBuilder.DropTable(
                name: "scheme_versions");
        }
    }
}
