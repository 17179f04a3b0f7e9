import {
  Button,
  Dropdown,
  Field,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Option,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { lazy, Suspense, useMemo, useRef, useState } from "react";
import { hunanSettingsInput, SCHEME_IDS, SCHEME_INFO, shanghaiSettingsInput } from "../engine/schemes";
import { columnName } from "../sheets/a1";
import type { SheetGrid } from "../sheets/grid";
import { PostList } from "./components/PostList";
import { UnsavedDialog } from "./components/UnsavedDialog";
import { Summary } from "./components/Summary";
import { displayRows, recordCount, sheetNotes } from "./displayRows";
import { countsOf, type PaneState, type SchemeChoice, type Tab as PaneTab } from "./paneState";
import { EXAMPLES, usePane, type PaneSource } from "./usePane";

// The tabs after 结果 (列映射, 设置, 汇总 and its engine) load on first use, outside the pane's initial bundle.
const MappingPanel = lazy(() => import(/* webpackChunkName: "panels" */ "./components/MappingPanel").then((m) => ({ default: m.MappingPanel })));
const SettingsPanel = lazy(() => import(/* webpackChunkName: "panels" */ "./components/SettingsPanel").then((m) => ({ default: m.SettingsPanel })));
const UnitSettingsPanel = lazy(() => import(/* webpackChunkName: "panels" */ "./components/UnitSettingsPanel").then((m) => ({ default: m.UnitSettingsPanel })));
const ReportsPanel = lazy(() => import(/* webpackChunkName: "reports" */ "./components/ReportsPanel").then((m) => ({ default: m.ReportsPanel })));
const RegisterPanel = lazy(() => import(/* webpackChunkName: "register" */ "./components/RegisterPanel").then((m) => ({ default: m.RegisterPanel })));
const PlanPanel = lazy(() => import(/* webpackChunkName: "reports" */ "./components/PlanPanel").then((m) => ({ default: m.PlanPanel })));
const loading = <Spinner size="small" label="正在加载…" />;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    minWidth: "280px",
    maxWidth: "960px",
    boxSizing: "border-box",
  },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

function writePlan(s: PaneState): string | null {
  const w = s.score?.writes[0];
  if (!w || !w.columns.length) return null;
  const cols = w.columns.map((c) => c.col);
  const added = w.columns.filter((c) => c.isNew).length;
  const rows = Math.max(...w.columns.map((c) => c.values.length));
  // Why a fresh set of columns is written (ours were renamed or moved), or that a column named like ours is left alone.
  const notes = s.score?.ledgers.find((l) => l.sheet === w.sheet)?.map.ownership?.warnings ?? [];
  return `写回将改动「${w.sheet}」的 ${columnName(Math.min(...cols))}–${columnName(Math.max(...cols))} 列${added ? `（新增 ${added} 列）` : ""}、第 ${w.headerRow}–${w.firstRow + rows - 1} 行，其他单元格不变。${notes.join("")}`;
}

/** Puts text on the clipboard; Office webviews may refuse the Clipboard API, so a selected textarea stands in. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy"); // deprecated, but the one copy path some Office webviews allow
    area.remove();
    return ok;
  }
}

/** 复制诊断信息: Excel's code, debugInfo, API sets, host, platform and version, for whoever maintains the add-in. */
function CopyDetails({ text }: { text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button size="small" title={text} onClick={() => void copyText(text).then((ok) => setState(ok ? "copied" : "failed"))}>
      {state === "copied" ? "已复制" : state === "failed" ? "复制失败（请截图）" : "复制诊断信息"}
    </Button>
  );
}

export function Pane({ source }: { source: PaneSource }) {
  const styles = useStyles();
  const [s, cmd] = usePane(source);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = s.phase === "reading" || s.phase === "writing";
  const blocking = s.read?.notes.filter((n) => n.blocking && n.sheet === s.ledger) ?? [];
  const sheet = s.score?.result.sheets[0];
  const info = SCHEME_INFO[s.scheme];
  const rows = useMemo(() => (s.score ? displayRows(s.score) : []), [s.score]);
  const notes = useMemo(() => (s.score ? sheetNotes(s.score) : []), [s.score]);
  // The settings in effect: what the last write used, over what the pane saved (see hunanSettingsInput).
  const hunanInput = useMemo(() => hunanSettingsInput(s.stored), [s.stored]);
  const shanghaiInput = useMemo(() => shanghaiSettingsInput(s.stored), [s.stored]);
  const hunanScore = s.score?.scheme === "hunan" ? s.score : null;
  const lastCol = columnName(Math.max(1, ...(s.score?.writes[0]?.columns.map((c) => c.col) ?? [1])));
  const file = s.host === "file";
  const plan = writePlan(s);
  // Unsaved settings: leaving the 设置 tab asks first (the draft would be lost).
  const [settingsDirty, setSettingsDirty] = useState(false);
  const [leaving, setLeaving] = useState<PaneTab | null>(null);
  const goTab = (tab: PaneTab) => {
    if (s.tab === "settings" && tab !== "settings" && settingsDirty) setLeaving(tab);
    else cmd.dispatch({ type: "tab", tab });
  };
  const reports = (grids: readonly SheetGrid[] | null) => (
    <Suspense fallback={loading}>
      <ReportsPanel
        grids={grids}
        score={hunanScore}
        settings={hunanInput}
        busy={busy}
        excel={!file}
        onTally={(fill) => void cmd.tallyReport(fill)}
        onSummary={(separate) => void cmd.summaryReport(separate)}
        onConsolidate={(files) => cmd.consolidateFiles(files)}
        onProvince={(c) => void cmd.provinceReport(c)}
      />
    </Suspense>
  );

  return (
    <main className={styles.root} aria-busy={busy}>
      <h1 className={styles.title}>示范岗考评助手</h1>
      {file && (
        <div className={styles.bar}>
          <input ref={fileInput} type="file" accept=".xlsx" hidden data-testid="file-input" onChange={(e) => e.target.files?.[0] && void cmd.openFile(e.target.files[0])} />
          <Button onClick={() => fileInput.current?.click()} disabled={busy}>
            打开文件…
          </Button>
          <Button onClick={() => void cmd.openExample(EXAMPLES.hunan.url)} disabled={busy}>
            {EXAMPLES.hunan.label}
          </Button>
          <Button onClick={() => void cmd.openExample(EXAMPLES.shanghai.url)} disabled={busy}>
            {EXAMPLES.shanghai.label}
          </Button>
          <Button onClick={() => void cmd.download()} disabled={busy || !s.read}>
            下载结果
          </Button>
        </div>
      )}
      {file && s.fileName && <Text className={styles.hint}>当前文件：{s.fileName}（在浏览器中处理，不上传）</Text>}
      {s.phase === "empty" && !s.notice && <Text>未检测到 Excel。请打开一个 .xlsx 台账（湖南考核台账或上海示范点表），或打开示例。</Text>}
      {s.phase === "starting" && <Spinner size="small" label={s.host === "wps" ? "正在连接 WPS 表格…" : "正在连接 Excel…"} />}
      {s.phase === "reading" && <Spinner size="small" label="正在读取工作簿…" />}
      {s.notice && (
        <MessageBar intent={s.notice.intent} data-testid="notice">
          <MessageBarBody>{s.notice.text}</MessageBarBody>
          {s.notice.details && (
            <MessageBarActions>
              <CopyDetails text={s.notice.details} />
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {s.read?.notes.map((n) => (
        <MessageBar key={`${n.sheet}-${n.kind}`} intent={n.blocking ? "error" : "warning"}>
          <MessageBarBody>{n.message}</MessageBarBody>
        </MessageBar>
      ))}
      {s.phase === "writing" && s.progress && (
        <ProgressBar aria-label="写回进度" value={s.progress.total ? s.progress.done / s.progress.total : 0} thickness="large" />
      )}
      {s.read && (
        <>
          <div className={styles.bar}>
            {!file && (
              <Button onClick={() => void cmd.reread()} disabled={busy}>
                重新读取
              </Button>
            )}
            <Button appearance="primary" onClick={() => void cmd.write()} disabled={busy || !s.score || blocking.length > 0}>
              写回工作簿
            </Button>
            <Button onClick={() => void cmd.undo()} disabled={busy || !s.canUndo}>
              撤销上次写回
            </Button>
            <Button onClick={() => void cmd.insertTemplate()} disabled={busy}>
              插入模板
            </Button>
          </div>
          <Field label="评分方案">
            <Dropdown
              data-testid="scheme"
              value={s.schemeChoice === "auto" ? `自动判断（${info.short}）` : info.short}
              selectedOptions={[s.schemeChoice]}
              onOptionSelect={(_, d) => cmd.dispatch({ type: "choose-scheme", choice: (d.optionValue ?? "auto") as SchemeChoice })}
            >
              <Option value="auto" text={`自动判断（${info.short}）`}>
                按表头自动判断
              </Option>
              {SCHEME_IDS.map((id) => (
                <Option key={id} value={id} text={SCHEME_INFO[id].short}>
                  {SCHEME_INFO[id].short}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {plan && <Text size={200} className={styles.hint}>{plan}</Text>}
          <TabList selectedValue={s.tab} onTabSelect={(_, d) => goTab(d.value as PaneTab)} size="small">
            <Tab value="results">结果</Tab>
            <Tab value="mapping">列映射</Tab>
            <Tab value="settings">设置</Tab>
            <Tab value="reports">汇总</Tab>
            {s.scheme === "hunan" && <Tab value="register">名册</Tab>}
          </TabList>
          <UnsavedDialog
            open={leaving !== null}
            onStay={() => setLeaving(null)}
            onDiscard={() => {
              setSettingsDirty(false);
              if (leaving) cmd.dispatch({ type: "tab", tab: leaving });
              setLeaving(null);
            }}
          />
          {s.tab === "results" && (
            <>
              {s.scoreError && (
                <MessageBar intent="error">
                  <MessageBarBody style={{ whiteSpace: "pre-wrap" }}>{s.scoreError}</MessageBarBody>
                  {s.scoreError.includes("列映射") && (
                    <MessageBarActions>
                      <Button size="small" onClick={() => cmd.dispatch({ type: "tab", tab: "mapping" })}>
                        去列映射
                      </Button>
                    </MessageBarActions>
                  )}
                </MessageBar>
              )}
              {sheet && (
                <>
                  <Text>
                    「{sheet.sheet}」表头第 {sheet.headerRow} 行，共 {recordCount(rows, info.unit)}
                    {s.score && s.score.memberSheets.length > 0 ? `，成员表：${s.score.memberSheets.join("、")}` : ""}
                    {s.score?.scheme === "shanghai" ? `，达标分 ${s.score.settings.passMark}` : ""}
                  </Text>
                  {notes.map((n) => (
                    <MessageBar key={n} intent="info" data-testid="sheet-note">
                      <MessageBarBody>{n}</MessageBarBody>
                    </MessageBar>
                  ))}
                  <Summary counts={countsOf(s.score, s.scheme)} statuses={info.statuses} labels={info.labels} filter={s.filter} onFilter={(f) => cmd.dispatch({ type: "filter", filter: f })} />
                  <PostList sheet={sheet.sheet} rows={rows} filter={s.filter} canSelect={s.canSelect} lastColumn={lastCol} onSelect={(sh, r) => void cmd.select(sh, r)} />
                </>
              )}
            </>
          )}
          <Suspense fallback={loading}>
            {s.tab === "mapping" && (
              <MappingPanel
                def={info.sheet}
                candidates={s.candidates}
                ledger={s.ledger}
                onLedger={(sheet) => cmd.dispatch({ type: "choose-ledger", sheet })}
                grids={s.read.grids}
                stored={s.stored}
                onMap={(field, col, sheet) => void cmd.mapColumn(field, col, sheet)}
                onReset={() => void cmd.clearMapping()}
              />
            )}
            {s.tab === "settings" &&
              (s.scheme === "shanghai" ? (
                <UnitSettingsPanel key="shanghai" settings={shanghaiInput} onChange={(st) => void cmd.setUnitSettings(st)} onDirty={setSettingsDirty} />
              ) : (
                <SettingsPanel key="hunan" settings={hunanInput} onChange={(st) => void cmd.setSettings(st)} onDirty={setSettingsDirty} />
              ))}
          </Suspense>
          {s.tab === "reports" &&
            (s.scheme === "shanghai" ? (
              <Suspense fallback={loading}>
                <PlanPanel grids={s.read.grids} stored={s.stored} busy={busy} onPlan={() => void cmd.planReport()} />
              </Suspense>
            ) : (
              reports(s.read.grids)
            ))}
        </>
      )}
      {s.read && s.tab === "register" && s.scheme === "hunan" && (
        <Suspense fallback={loading}>
          <RegisterPanel grids={s.read.grids} score={hunanScore} busy={busy} canSelect={s.canSelect} onSelect={(sh, r) => void cmd.select(sh, r)} onAddReport={(layout) => void cmd.addLayout(layout)} />
        </Suspense>
      )}
      {file && !s.read && s.phase !== "reading" && reports(null)}
    </main>
  );
}

export function App({ source }: { source: PaneSource }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <Pane source={source} />
    </FluentProvider>
  );
}
