import {
  Button,
  Field,
  FluentProvider,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Select,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { hunanSettingsInput, SCHEME_IDS, SCHEME_INFO, shanghaiSettingsInput } from "../engine/schemes";
import { columnName } from "../sheets/a1";
import type { SheetGrid } from "../sheets/grid";
import { PostList } from "./components/PostList";
import { Summary } from "./components/Summary";
import { displayRows, recordCount, sheetNotes } from "./displayRows";
import { countsOf, hasRows, type PaneState, type SchemeChoice, type Tab as PaneTab } from "./paneState";
import { usePane, type PaneSource } from "./usePane";

// The tabs after 结果 (列映射, 设置, 汇总 and its engine) load on first use, outside the pane's initial bundle.
const MappingPanel = lazy(() => import(/* webpackChunkName: "panels" */ "./components/MappingPanel").then((m) => ({ default: m.MappingPanel })));
const SettingsPanel = lazy(() => import(/* webpackChunkName: "panels" */ "./components/SettingsPanel").then((m) => ({ default: m.SettingsPanel })));
const UnitSettingsPanel = lazy(() => import(/* webpackChunkName: "panels" */ "./components/UnitSettingsPanel").then((m) => ({ default: m.UnitSettingsPanel })));
const ReportsPanel = lazy(() => import(/* webpackChunkName: "reports" */ "./components/ReportsPanel").then((m) => ({ default: m.ReportsPanel })));
const RegisterPanel = lazy(() => import(/* webpackChunkName: "register" */ "./components/RegisterPanel").then((m) => ({ default: m.RegisterPanel })));
const PlanPanel = lazy(() => import(/* webpackChunkName: "reports" */ "./components/PlanPanel").then((m) => ({ default: m.PlanPanel })));
// The preview's own controls (open, examples, steps, blank templates): never needed inside Excel.
const FileBar = lazy(() => import(/* webpackChunkName: "file-ui" */ "./components/FileBar").then((m) => ({ default: m.FileBar })));
// 复制诊断信息 appears only with an Excel failure.
const CopyDetails = lazy(() => import(/* webpackChunkName: "file-ui" */ "./components/CopyDetails").then((m) => ({ default: m.CopyDetails })));
// Asked only when the user leaves 设置 with unsaved edits.
const UnsavedDialog = lazy(() => import(/* webpackChunkName: "panels" */ "./components/UnsavedDialog").then((m) => ({ default: m.UnsavedDialog })));
const loading = <Spinner size="small" label="正在加载…" />;

const useStyles = makeStyles({
  // The provider fills the window, so a dark theme has no white margins.
  provider: { minHeight: "100vh" },
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    // No minimum width: at 200 % zoom a 350 px pane is 175 px wide and nothing may scroll sideways.
    minWidth: 0,
    maxWidth: "960px",
    boxSizing: "border-box",
    overflowWrap: "anywhere",
  },
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  icon: { width: "24px", height: "24px", flexShrink: 0 },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0, flexGrow: 1 },
  version: { color: tokens.colorNeutralForeground3 },
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
  // The pane may be narrower than a control's usual minimum.
  fill: { minWidth: 0, maxWidth: "100%" },
  tabs: { flexWrap: "wrap" },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** The version built into the pane (package.json's, set by webpack); "dev" where no build set it. */
const VERSION = typeof __APP_VERSION__ === "string" ? __APP_VERSION__ : "dev";

/** Light at once; the dark theme's tokens arrive in their own small chunk when the pane is dark. */
function useTheme(dark: boolean): Theme {
  const [darkTheme, setDarkTheme] = useState<Theme | null>(null);
  useEffect(() => {
    if (!dark || darkTheme) return;
    import(/* webpackChunkName: "dark" */ "./darkTheme").then(
      (m) => setDarkTheme(m.webDarkTheme),
      () => undefined, // stays light: a theme is not worth an error message
    );
  }, [dark, darkTheme]);
  return dark && darkTheme ? darkTheme : webLightTheme;
}

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

export function Pane({ source }: { source: PaneSource }) {
  const styles = useStyles();
  const [s, cmd] = usePane(source);
  const busy = s.phase === "reading" || s.phase === "writing";
  const blocking = s.read?.notes.filter((n) => n.blocking && n.sheet === s.ledger) ?? [];
  const sheet = s.score?.result.sheets[0];
  const info = SCHEME_INFO[s.scheme];
  const rows = useMemo(() => (s.score ? displayRows(s.score) : []), [s.score]);
  const notes = useMemo(() => (s.score ? sheetNotes(s.score) : []), [s.score]);
  // A member sheet with no rows (an inserted blank template) is not named as one.
  const members = s.score && s.read ? s.score.memberSheets.filter((m) => hasRows(s.read!.grids, m, 3)) : [];
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

  const progress = s.progress;
  const blockedWrite = busy || !s.score || blocking.length > 0;
  // The preview's next step is the primary button: 写回 until the results are in the file, then 下载.
  const downloadNext = file && s.written;
  return (
    <main className={styles.root} aria-busy={busy}>
      <header className={styles.header}>
        <img className={styles.icon} src="assets/icon-32.png" alt="" />
        <h1 className={styles.title}>示范岗考评助手</h1>
        <Text size={200} className={styles.version} data-testid="version">
          v{VERSION}
        </Text>
        <Link href="help.html" target="_blank" rel="noopener">
          帮助
        </Link>
      </header>
      {file && (
        <Suspense fallback={null}>
          <FileBar s={s} cmd={cmd} busy={busy} />
        </Suspense>
      )}
      {s.phase === "starting" && <Spinner size="small" label={s.host === "wps" ? "正在连接 WPS 表格…" : "正在连接 Excel…"} />}
      {s.phase === "reading" && !progress && <Spinner size="small" label="正在读取工作簿…" />}
      {progress && (
        <div className={styles.progress} data-testid="progress">
          <Text>{progress.label ?? "正在处理…"}</Text>
          <ProgressBar aria-label={progress.label ?? "进度"} value={progress.total ? Math.min(1, progress.done / progress.total) : 0} thickness="large" />
          {progress.cancellable && (
            <div className={styles.bar}>
              <Button onClick={() => cmd.cancel()}>取消</Button>
            </div>
          )}
        </div>
      )}
      {s.notice && (
        <MessageBar intent={s.notice.intent} data-testid="notice">
          <MessageBarBody>{s.notice.text}</MessageBarBody>
          {s.notice.details && (
            <MessageBarActions>
              <Suspense fallback={null}>
                <CopyDetails text={s.notice.details} />
              </Suspense>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {s.read?.notes.map((n) => (
        <MessageBar key={`${n.sheet}-${n.kind}`} intent={n.blocking ? "error" : "warning"}>
          <MessageBarBody>{n.message}</MessageBarBody>
        </MessageBar>
      ))}
      {s.read && (
        <>
          <div className={styles.bar}>
            {!file && (
              <Button onClick={() => void cmd.reread()} disabledFocusable={busy}>
                重新读取
              </Button>
            )}
            <Button appearance={downloadNext ? "secondary" : "primary"} onClick={() => void cmd.write()} disabledFocusable={blockedWrite}>
              写回工作簿
            </Button>
            {file && (
              <Button appearance={downloadNext ? "primary" : "secondary"} onClick={() => void cmd.download()} disabledFocusable={busy}>
                下载结果
              </Button>
            )}
            <Button onClick={() => void cmd.undo()} disabledFocusable={busy || !s.canUndo}>
              撤销上次写回
            </Button>
            <Button onClick={() => void cmd.insertTemplate()} disabledFocusable={busy}>
              插入模板
            </Button>
          </div>
          {s.candidates.length > 1 && (
            <div className={styles.bar} role="group" aria-label="考核台账" data-testid="ledger">
              <Text>考核台账：</Text>
              {s.candidates.map((c) => (
                <Button key={c.sheet} size="small" appearance={c.sheet === s.ledger ? "primary" : "secondary"} aria-pressed={c.sheet === s.ledger} onClick={() => cmd.dispatch({ type: "choose-ledger", sheet: c.sheet })} disabledFocusable={busy}>
                  {c.sheet}
                </Button>
              ))}
            </div>
          )}
          <Field label="评分方案">
            <Select className={styles.fill} data-testid="scheme" value={s.schemeChoice} onChange={(_, d) => cmd.dispatch({ type: "choose-scheme", choice: d.value as SchemeChoice })}>
              <option value="auto">自动判断（{info.short}）</option>
              {SCHEME_IDS.map((id) => (
                <option key={id} value={id}>
                  {SCHEME_INFO[id].short}
                </option>
              ))}
            </Select>
          </Field>
          {plan && <Text className={styles.hint}>{plan}</Text>}
          <TabList className={styles.tabs} selectedValue={s.tab} onTabSelect={(_, d) => goTab(d.value as PaneTab)} size="small">
            <Tab value="results">结果</Tab>
            <Tab value="mapping">列映射</Tab>
            <Tab value="settings">设置</Tab>
            <Tab value="reports">汇总</Tab>
            {s.scheme === "hunan" && <Tab value="register">名册</Tab>}
          </TabList>
          {leaving !== null && (
            <Suspense fallback={null}>
              <UnsavedDialog
                open={leaving !== null}
                onStay={() => setLeaving(null)}
                onDiscard={() => {
                  setSettingsDirty(false);
                  if (leaving) cmd.dispatch({ type: "tab", tab: leaving });
                  setLeaving(null);
                }}
              />
            </Suspense>
          )}
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
                    {members.length > 0 ? `，成员表：${members.join("、")}` : ""}
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

/** `dark`: Office's theme in Excel, the browser's (prefers-color-scheme) in the preview, as the entry found it. */
export function App({ source, dark = false }: { source: PaneSource; dark?: boolean }) {
  const styles = useStyles();
  return (
    <FluentProvider theme={useTheme(dark)} className={styles.provider}>
      <Pane source={source} />
    </FluentProvider>
  );
}
