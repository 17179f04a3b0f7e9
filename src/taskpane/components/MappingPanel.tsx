import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Field, makeStyles, MessageBar, MessageBarBody, Select, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import type { SheetDef } from "../../schemes/types";
import { columnName } from "../../sheets/a1";
import type { SheetGrid } from "../../sheets/grid";
import { mappingOverrides, type StoredState } from "../../sheets/port";
import type { LedgerCandidate } from "../paneState";
import { mappingGroups, nearMiss } from "./mappingGroups";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalS },
  label: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "center", flexWrap: "wrap" },
  dropdown: { minWidth: 0, width: "100%" },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  headerText: { overflowWrap: "anywhere" },
});

type Props = {
  /** The active scheme's sheet: its fields are the rows of this panel. */
  def: SheetDef;
  candidates: readonly LedgerCandidate[];
  ledger: string | null;
  grids: readonly SheetGrid[];
  stored: StoredState;
  onLedger: (sheet: string) => void;
  /** `sheet`: set when the field is named on a sheet that is not yet a ledger. */
  onMap: (field: string, col: number, sheet?: string) => void;
  onReset: () => void;
};

const UNMAPPED = "0";

/** One field's column picker. */
function FieldPicker(p: { id: string; header: string; required: boolean; missing: boolean; note?: string; value: number | undefined; columns: readonly { col: number; label: string }[]; onPick: (col: number) => void }) {
  const styles = useStyles();
  return (
    <div className={styles.row} data-testid={`map-field-${p.id}`}>
      <div className={styles.label}>
        <Text weight="semibold" id={`map-${p.id}`}>
          {p.header}
        </Text>
        {p.required && !p.missing && <Badge appearance="outline">必需</Badge>}
        {p.missing && (
          <Badge appearance="filled" color="danger">
            必需，未找到
          </Badge>
        )}
        {p.note && (
          <Badge appearance="tint" color="warning">
            {p.note}
          </Badge>
        )}
      </div>
      {/* A native select: ~60 of them on one tab, and it works the same at 200 % zoom and with the keyboard. */}
      <Select aria-labelledby={`map-${p.id}`} className={styles.dropdown} value={p.value ? String(p.value) : UNMAPPED} onChange={(_, d) => p.onPick(Number(d.value))}>
        <option value={UNMAPPED}>（不使用）</option>
        {p.columns.map((c) => (
          <option key={c.col} value={String(c.col)}>
            {c.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/**
 * The columns the pane understood, grouped by 评分表 item and collapsed, each editable; the choice is saved in the
 * workbook. A sheet missing a required column opens on that field, so this tab is where it is fixed.
 */
export function MappingPanel({ def, candidates, ledger, grids, stored, onLedger, onMap, onReset }: Props) {
  const styles = useStyles();
  const current = candidates.find((c) => c.sheet === ledger);
  const groups = useMemo(() => mappingGroups(def), [def]);
  const miss = useMemo(() => (current ? null : nearMiss(grids, def, mappingOverrides(stored))), [current, grids, def, stored]);
  const headerOf = (id: string) => def.fields.find((f) => f.id === id)?.header ?? id;
  const what = def.name === "示范点" ? "示范点表" : "考核台账";

  if (!current) {
    if (!miss) {
      return (
        <div className={styles.root}>
          <Text>工作簿中没有一张表像{what}（前 10 行里没有可识别的表头），这里无法指定列。可以插入模板，或打开其他文件。</Text>
          <Button onClick={onReset}>恢复自动识别</Button>
        </div>
      );
    }
    return (
      <div className={styles.root} data-testid="mapping-missing">
        <MessageBar intent="warning">
          <MessageBarBody>
            工作表「{miss.sheet}」第 {miss.headerRow} 行像{what}的表头，但没有找到必需的列{miss.missing.map((m) => `“${headerOf(m)}”`).join("、")}。请在下面选择对应的列，选好后自动重新计分。
          </MessageBarBody>
        </MessageBar>
        {miss.missing.map((id) => (
          <FieldPicker key={id} id={id} header={headerOf(id)} required missing value={undefined} columns={miss.headers} onPick={(col) => onMap(id, col, miss.sheet)} />
        ))}
        <Button onClick={onReset}>恢复自动识别</Button>
      </div>
    );
  }

  const { map } = current;
  const columns = [...map.headers.entries()].sort((a, b) => a[0] - b[0]).map(([col, h]) => ({ col, label: `${columnName(col)} 列 · ${h}` }));
  const ambiguous = new Map(map.ambiguous.map((a) => [a.field, a.cols]));
  // A column the user named is used, though its header is not one the pane knows.
  const usedCols = new Set(map.fields.values());
  const unused = map.unknown.filter((u) => !usedCols.has(u.col));
  const required = new Set(def.required);
  const missing = def.required.filter((id) => !map.fields.has(id));
  // A group holding a missing required field comes first and open.
  const ordered = [...groups].sort((a, b) => Number(b.fields.some((f) => missing.includes(f))) - Number(a.fields.some((f) => missing.includes(f))));
  const open = ordered.filter((g) => g.fields.some((f) => missing.includes(f))).map((g) => g.id);
  return (
    <div className={styles.root}>
      {candidates.length > 1 && (
        <Field label={`${what}工作表`}>
          <Select value={current.sheet} onChange={(_, d) => d.value && onLedger(d.value)}>
            {candidates.map((c) => (
              <option key={c.sheet} value={c.sheet}>
                {c.sheet}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Text>
        「{current.sheet}」表头在第 {map.headerRow} 行，已识别 {map.fields.size} 列，{unused.length} 列未使用。没有的列留空即可，相应内容不检查。修改后自动保存在工作簿中。
      </Text>
      <Accordion multiple collapsible defaultOpenItems={open} data-testid="mapping-groups">
        {ordered.map((g) => {
          const found = g.fields.filter((f) => map.fields.has(f)).length;
          return (
            <AccordionItem key={g.id} value={g.id}>
              <AccordionHeader size="medium">
                <span className={styles.headerText}>
                  {g.title}（已识别 {found}/{g.fields.length} 列）
                </span>
              </AccordionHeader>
              <AccordionPanel className={styles.panel}>
                {g.fields.map((id) => {
                  const cols = ambiguous.get(id);
                  return (
                    <FieldPicker
                      key={id}
                      id={id}
                      header={headerOf(id)}
                      required={required.has(id)}
                      missing={required.has(id) && !map.fields.has(id)}
                      {...(cols ? { note: `多列相似：${cols.map(columnName).join("、")}` } : {})}
                      value={map.fields.get(id)}
                      columns={columns}
                      onPick={(col) => onMap(id, col)}
                    />
                  );
                })}
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
      {unused.length > 0 && <Text size={300}>未使用的列：{unused.map((u) => `${columnName(u.col)} ${u.header}`).join("、")}</Text>}
      <Button onClick={onReset}>恢复自动识别</Button>
    </div>
  );
}
