using Kaohe.Data.Model;
using Kaohe.Data.Time;

namespace Kaohe.Data.Demo;

/// <summary>
/// One real-estate sales office (案场, issue 16) in the last month of the demo: a 案场经理 over five 置业顾问, a month
/// of receptions and follow-ups (two customers brought by the 市场部's first 客户专员), a referral brought in person
/// while its owner rests, two deals (one assisted, one by the owner), a 甩客 fine and a same-time double registration
/// left for the supervisor. Fixed names and times, no random draws: the rest of the demo is unchanged.
/// </summary>
public static partial class DemoCompany
{
    /// <summary>The sales office's unit code.</summary>
    public const string SalesOfficeCode = "XHAC";

    /// <summary>The 案场经理's and the consultants' 岗位.</summary>
    public const string SalesManagerRole = "案场经理", ConsultantRole = "置业顾问";

    private static void AddSalesOffice(KaoheDb db, OrgUnit company, Period month, Func<string> nextNo)
    {
        var unit = new OrgUnit { Code = SalesOfficeCode, Name = "西湖案场", Kind = UnitKind.Project, ParentId = company.Id };
        db.Units.Add(unit);
        db.SaveChanges();
        UnitTree.RebuildClosure(db);
        var hired = month.Start.AddYears(-2);
        var manager = new Staff { EmployeeNo = nextNo(), Name = "韩建国", UnitId = unit.Id, Role = SalesManagerRole, HiredOn = hired };
        db.Staff.Add(manager);
        db.SaveChanges();
        var people = new Dictionary<string, Staff>();
        foreach (var (name, role) in new[]
                 {
                     ("周晓明", ConsultantRole), ("吴婷", ConsultantRole), ("郑浩", ConsultantRole), ("孙丽", ConsultantRole), ("钱峰", ConsultantRole),
                 })
        {
            var s = new Staff { EmployeeNo = nextNo(), Name = name, UnitId = unit.Id, Role = role, SupervisorId = manager.Id, HiredOn = hired };
            db.Staff.Add(s);
            people[name] = s;
        }
        db.SaveChanges();
        // The 市场部's first 客户专员 brings customers to the sales office (输送人, TPL-30's 输送客户到案场).
        var specialist = db.Staff.Where(x => x.Role == DemoTemplates.KeyAccountSpecialist).OrderBy(x => x.EmployeeNo).FirstOrDefault();
        DateTime At(int day, int hour = 0, int minute = 0) => new(month.Year, month.Index, day, hour, minute, 0, DateTimeKind.Utc);
        int Id(string name) => people[name].Id;
        var m = month.FirstMonth;
        SalesReception R(string customer, string who, DateTime at, string rota, string? referrer = null, bool accompanied = false, string? named = null, string? brought = null) => new()
        {
            UnitId = unit.Id, Customer = customer, StaffId = Id(who), At = at, HasTime = true, Month = m, RotaPosition = rota,
            ReferredBy = referrer, Accompanied = accompanied, NamedStaffId = named is null ? null : Id(named),
            BroughtByStaffId = brought is null || specialist is null ? null : specialist.Id,
        };
        db.SalesReceptions.AddRange(
            R("王建军", "周晓明", At(2, 10, 2), "1"),
            R("王建军", "吴婷", At(2, 10, 5), "2"),                    // the earlier registration wins: 周晓明
            R("李秀英", "郑浩", At(3, 14, 0), "3"),
            R("李秀英", "孙丽", At(3, 14, 0), "4"),                    // same minute: for the 案场经理 to decide
            R("陈玉兰", "郑浩", At(4, 11, 20), "3"),
            R("刘志强", "钱峰", At(9, 15, 10), "5", "陈玉兰", true),    // brought by 陈玉兰 in person while 郑浩 rests
            R("王建军", "周晓明", At(12, 9, 40), "1", named: "周晓明"),  // back within 7 days of the follow-up
            R("张伟", "吴婷", At(16, 10, 0), "2", brought: "客户专员"),         // brought by the 客户专员
            R("杨帆", "钱峰", At(16, 10, 30), "5", brought: "客户专员"),
            R("黄丽娟", "孙丽", At(18, 15, 0), "4"),
            R("赵磊", "周晓明", At(19, 11, 0), "1"),
            R("张伟", "吴婷", At(20, 14, 0), "2"));
        db.SalesFollowUps.AddRange(
            new SalesFollowUp { UnitId = unit.Id, Customer = "王建军", StaffId = Id("周晓明"), At = At(5), HasTime = false, Month = m },
            new SalesFollowUp { UnitId = unit.Id, Customer = "陈玉兰", StaffId = Id("郑浩"), At = At(8), HasTime = false, Month = m },
            new SalesFollowUp { UnitId = unit.Id, Customer = "张伟", StaffId = Id("吴婷"), At = At(18), HasTime = false, Month = m });
        db.ConsultantPresences.Add(new ConsultantPresence
            { UnitId = unit.Id, StaffId = Id("郑浩"), Status = PresenceStatus.Resting, Start = At(9), Until = At(10), Month = m });
        db.SalesDeals.AddRange(
            new SalesDeal
            {
                UnitId = unit.Id, Code = "XH-001", Customer = "刘志强", StaffId = Id("钱峰"), At = At(9, 17, 0), HasTime = true, Month = m,
                CommissionFen = 12_000_00, SaleAmountFen = 1_500_000_00,
            },
            new SalesDeal
            {
                UnitId = unit.Id, Code = "XH-002", Customer = "王建军", StaffId = Id("周晓明"), At = At(12, 11, 30), HasTime = true, Month = m,
                CommissionFen = 8_000_00, SaleAmountFen = 980_000_00,
            });
        db.SalesFines.Add(new SalesFine
        {
            UnitId = unit.Id, StaffId = Id("孙丽"), At = At(18, 16, 0), HasTime = true, Month = m, AmountFen = 200_00, Customer = "黄丽娟",
            Reason = "接待中途离开，客户无人接待",
        });
        db.SaveChanges();
        db.ChangeTracker.Clear();
    }
}
