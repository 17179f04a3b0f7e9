"""openpyxl half of scripts/makeLosslessFixtures.ts: writes the openpyxl fixtures into the folder given.

Run through `npx tsx scripts/makeLosslessFixtures.ts` (needs Debian's python3-openpyxl and python3-pil,
and libreoffice-calc-nogui for the LibreOffice copies); CI only uses the committed files.
"""
import datetime
import io
import os
import sys

import openpyxl
import openpyxl.workbook.workbook as wbmod
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.styles import Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.utils.datetime import CALENDAR_MAC_1904

OUT = sys.argv[1]

HEAD = ["市州", "工作单位", "示范岗名称", "岗位类别", "级别", "负责人", "考核年度", "考核轮次",
        "一季度满意度", "二季度满意度", "未亮明身份", "未公开承诺次数", "备注"]
ROWS = [
    ["长沙", "长沙市质监站", "报建窗口", "服务岗", "市州级", "李明", 2025, "初评", 0.95, 0.92, "否", 0, None],
    ["长沙", "长沙市质监站", "质量监督科", "监督岗", "省级", "王芳", 2025, "初评", None, None, "是", 1, None],
    ["株洲", "株洲市质监站", "押证窗口", "服务岗", "市州级", "刘强", 2025, "初评", 0.85, 0.78, "否", 0, "复核"],
    ["湘潭", "湘潭市质监站", "安全监督科", "监督岗", "市州级", "赵敏", 2025, "初评", None, None, "否", 2, None],
    ["衡阳", "衡阳市质监站", "服务大厅", "服务岗", "市州级", "陈静", 2025, "初评", 0.91, 0.93, "否", 0, None],
    ["邵阳", "邵阳市质监站", "监督一科", "监督岗", "市州级", "周洋", 2025, "初评", None, None, "否", 0, None],
]


def ledger(wb, title="考核台账"):
    ws = wb.active
    ws.title = title
    ws.append(["XX市党员示范岗考核台账"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEAD))
    ws.append(HEAD)
    for r in ROWS:
        ws.append(r)
    for row in ws.iter_rows(min_row=3, min_col=9, max_col=10):
        for c in row:
            c.number_format = "0%"
    return ws


def png():
    from PIL import Image as PILImage
    buf = io.BytesIO()
    PILImage.new("RGB", (40, 20), (200, 30, 30)).save(buf, format="PNG")
    buf.seek(0)
    return buf


def rich():
    # The default font is 宋体 (Chinese offices), not Calibri: the writer must not change it.
    wbmod.DEFAULT_FONT = Font(name="宋体", sz=11, family=3, charset=134)
    wb = wbmod.Workbook()
    ws = ledger(wb)
    ws.print_title_rows = "2:2"
    dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("K3:K200")
    # A note on an empty cell, and one on a filled cell.
    ws["M5"].comment = Comment("空单元格上的批注", "秘书")
    ws["C3"].comment = Comment("窗口负责人已调整", "秘书")
    # A formula saved without its result in a fact column: that row is 数据有误, never read as blank.
    ws["L6"] = "=1+1"
    # A telephone number in a date-formatted year cell.
    ws["G8"] = 13800138000
    ws["G8"].number_format = "yyyy-mm-dd"

    params = wb.create_sheet("参数")
    params["A1"] = "满分"
    params["B1"] = "=满分-5"
    params["A3"] = "市州"
    params["B3"] = "示范岗数"
    for i, (city, n) in enumerate([("长沙", 2), ("株洲", 1), ("湘潭", 1)]):
        params.cell(row=4 + i, column=1, value=city)
        params.cell(row=4 + i, column=2, value=n)
    chart = BarChart()
    chart.title = "各市州示范岗数"
    chart.add_data(Reference(params, min_col=2, min_row=3, max_row=6), titles_from_data=True)
    chart.set_categories(Reference(params, min_col=1, min_row=4, max_row=6))
    params.add_chart(chart, "D3")
    params.add_image(Image(png()), "D20")
    params.protection.sheet = True
    params.protection.password = "abc123"
    wb.defined_names.append(DefinedName("满分", attr_text="100"))
    wb.security = WorkbookProtection(workbookPassword="wb456", lockStructure=True)

    members = wb.create_sheet("成员")
    members.append(["示范岗名称", "姓名", "监督方向", "发表论文"])
    members.append(["质量监督科", "张三", "质量", "是"])
    members.append(["安全监督科", "李四", "安全", "否"])
    table = Table(displayName="成员表", ref="A1:D3")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    members.add_table(table)
    wb.save(f"{OUT}/openpyxl-rich.xlsx")


def far():
    wbmod.DEFAULT_FONT = Font(name="等线", sz=11, family=2, charset=134, scheme="minor")
    wb = wbmod.Workbook()
    ws = ledger(wb)
    # One stray value in the last row of the ledger, and one in the last column of another sheet.
    ws["A1048576"] = "x"
    other = wb.create_sheet("杂项")
    other["A1"] = "说明"
    other["XFD1"] = "最后一列"
    wb.save(f"{OUT}/openpyxl-far.xlsx")


def mac1904():
    wbmod.DEFAULT_FONT = Font(name="等线", sz=11, family=2, charset=134, scheme="minor")
    wb = wbmod.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = ledger(wb)
    # Years as dates in the 1904 date system: read 4 years early if the flag is ignored.
    for r in range(3, 3 + len(ROWS)):
        ws.cell(row=r, column=7, value=datetime.datetime(2025, 3, 1))
        ws.cell(row=r, column=7).number_format = "yyyy-mm-dd"
    ws["M4"].comment = Comment("空单元格上的批注", "秘书")
    members = wb.create_sheet("成员")
    members.append(["示范岗名称", "姓名", "监督方向"])
    members.append(["质量监督科", "张三", "质量"])
    members.append(["安全监督科", "李四", "安全"])
    # A table without a table style (LibreOffice writes its tables so).
    members.add_table(Table(displayName="成员表", ref="A1:C3"))
    wb.save(f"{OUT}/openpyxl-1904-table.xlsx")


def survey_chart():
    # A survey workbook whose ledger sheet carries a real chart: a drawing on the sheet referencing it.
    wbmod.DEFAULT_FONT = Font(name="宋体", sz=11, family=3, charset=134)
    wb = wbmod.Workbook()
    ws = ledger(wb)
    survey = wb.create_sheet("满意度调查")
    survey.append(["示范岗名称", "季度", "评价"])
    for i in range(25):
        survey.append(["报建窗口", "2025Q1", "满意" if i % 5 else "不满意"])
    chart = BarChart()
    chart.title = "未公开承诺次数"
    chart.add_data(Reference(ws, min_col=12, min_row=2, max_row=2 + len(ROWS)), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=3, min_row=3, max_row=2 + len(ROWS)))
    ws.add_chart(chart, "O2")
    wb.save(f"{OUT}/openpyxl-survey-chart.xlsx")


def shanghai_chart():
    # The shanghai example as openpyxl saves it, with a chart on the 示范点 sheet (for `plan`).
    example = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "shanghai-units.xlsx")
    wb = openpyxl.load_workbook(example)
    ws = wb["示范点"]
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=4, max_row=8))
    ws.add_chart(chart, "B30")
    wb.save(f"{OUT}/openpyxl-shanghai-chart.xlsx")


rich()
far()
mac1904()
survey_chart()
shanghai_chart()
