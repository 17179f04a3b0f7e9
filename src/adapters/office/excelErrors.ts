/**
 * Office.js failures in Chinese: every Excel error code the pane can meet, and the diagnostics that
 * 复制诊断信息 copies. Loaded on demand by the Office adapter (only when Excel reports a failure).
 */
import { PortError } from "../../sheets/port";
import { errorCode, type ExcelHost } from "./excelPort";

/**
 * Every Excel error code (Excel.ErrorCodes) the pane can meet, in Chinese: what happened and what to do.
 * Codes not listed here still reach the user, with Excel's own message, and the diagnostics.
 */
export const EXCEL_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  AccessDenied: "Excel 拒绝了操作：工作表或工作簿结构可能受保护，或工作簿为只读。请在“审阅”中撤销保护（或另存一份）后再试",
  ActivityLimitReached: "Excel 正忙（操作过于频繁），请稍候片刻再试",
  ApiNotFound: "此版本的 Excel 不支持本加载项要用的功能，请升级到 Microsoft 365 或 Excel 2021 及以上，或改用网页预览",
  Conflict: "工作簿正被他人同时编辑，发生了冲突。请稍候，点“重新读取”后再试",
  FilteredRangeConflict: "台账已筛选，Excel 不能向筛选后的区域写入。请先“数据 → 清除筛选”，再点“重新读取”",
  GeneralException: "Excel 内部出错。请保存工作簿，关闭并重新打开任务窗格后再试",
  InactiveWorkbook: "工作簿已不是当前窗口，请切回这个工作簿后再试",
  InsertDeleteConflict: "插入列与工作表中的表格、筛选或合并单元格冲突，请检查台账右侧的区域",
  InvalidArgument: "Excel 认为提交的数据不正确（可能是工作簿在读取后被修改过）。请点“重新读取”后再试",
  InvalidBinding: "工作簿在读取后被修改过，请点“重新读取”",
  InvalidOperation: "Excel 不允许此操作（工作表可能受保护，或写入区域与表格、合并单元格冲突）",
  InvalidOperationInCellEditMode: "Excel 正在编辑单元格，请按 Enter 或 Esc 结束编辑后再试",
  InvalidReference: "工作簿在读取后被修改过，请点“重新读取”",
  InvalidSelection: "当前选中的对象（如图表）不允许此操作，请先单击任一单元格再试",
  ItemAlreadyExists: "同名的工作表或表格已存在，请点“重新读取”后再试",
  ItemNotFound: "找不到要操作的工作表或表格：工作簿在读取后被修改过，请点击“重新读取”",
  MergedRangeConflict: "写入区域含有合并单元格，请取消合并后再点“重新读取”",
  NonBlankCellOffSheet: "工作表右侧或下方已没有空间（末行、末列有内容），无法插入",
  NotImplemented: "此版本的 Excel 尚未实现本加载项要用的功能，请升级 Excel 或改用网页预览",
  PayloadTooLarge: "一次提交的数据超过了 Excel 的 5 MB 限制",
  PropertyNotLoaded: "本加载项的程序出错（读取了未加载的属性），请复制诊断信息并联系维护人员",
  RangeExceedsLimit: "区域超过了 Excel 一次能处理的单元格数，请把台账拆成几张表后再试",
  RequestAborted: "请求被中断（可能是网络或 Excel 关闭），请重试",
  RequestPayloadSizeLimitExceeded: "一次提交的数据超过了 Excel 的 5 MB 限制，分批后仍然过大",
  ResponsePayloadSizeLimitExceeded: "一次读取的数据超过了 Excel 的 5 MB 限制，分批后仍然过大",
  ServiceNotAvailable: "Excel 服务暂时不可用，请稍后再试",
  Unauthenticated: "登录信息已失效，请重新登录 Office 后再试",
  UnsupportedOperation: "此版本的 Excel 不支持该操作，请升级 Excel 或改用网页预览",
  UnsupportedSheet: "这种工作表（如宏表、对话框表）不支持此操作，请换一张普通工作表",
};

/** What 复制诊断信息 copies: enough for whoever maintains the add-in to see what Excel said, and where. */
export type ExcelDiagnostics = {
  code: string;
  message: string;
  debugInfo: unknown;
  apiSets: string;
  host: string;
  platform: string;
  version: string;
};

/** A failure Excel reported, in Chinese, with its diagnostics. */
export class ExcelError extends PortError {
  /** The text 复制诊断信息 copies (the pane reads it without knowing this adapter). */
  readonly details: string;
  constructor(message: string, code: string | undefined, readonly diagnostics: ExcelDiagnostics) {
    super(message, code);
    this.name = "ExcelError";
    this.details = diagnosticsText(diagnostics);
  }
}

/** The highest ExcelApi (and ExcelApiDesktop/Online) the host declares, e.g. "ExcelApi 1.17". */
export function apiSetsOf(host: Pick<ExcelHost, "isSetSupported">): string {
  let minor = 0;
  while (minor < 40 && host.isSetSupported("ExcelApi", `1.${minor + 1}`)) minor++;
  const extra = ["ExcelApiOnline", "ExcelApiDesktop"].filter((n) => host.isSetSupported(n, "1.1"));
  return [minor ? `ExcelApi 1.${minor}` : "ExcelApi 无", ...extra].join("，");
}

/** An Office.js failure as a message the user can act on, with diagnostics when a host is given. */
export function describeExcelError(e: unknown, host?: ExcelHost): PortError {
  if (e instanceof PortError) return e;
  const code = errorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  const msg = EXCEL_ERROR_MESSAGES[code] ?? `Excel 执行失败：${detail}`;
  const text = code ? `${msg}（${code}）` : msg;
  if (!host) return new PortError(text, code || undefined);
  let where = { host: "未知", platform: "未知", version: "未知" };
  try {
    where = host.diagnostics?.() ?? where;
  } catch {
    // diagnostics are best effort: the error itself must still reach the user
  }
  const debugInfo = typeof e === "object" && e !== null && "debugInfo" in e ? e.debugInfo : undefined;
  return new ExcelError(text, code || undefined, { code: code || "（无）", message: detail, debugInfo: debugInfo ?? null, apiSets: apiSetsOf(host), ...where });
}

/** The diagnostics as the text 复制诊断信息 puts on the clipboard. */
export function diagnosticsText(d: ExcelDiagnostics): string {
  return [
    "示范岗考评助手 诊断信息",
    `错误代码：${d.code}`,
    `Excel 消息：${d.message}`,
    `debugInfo：${JSON.stringify(d.debugInfo)}`,
    `支持的 API：${d.apiSets}`,
    `宿主：${d.host}；平台：${d.platform}；版本：${d.version}`,
  ].join("\n");
}

