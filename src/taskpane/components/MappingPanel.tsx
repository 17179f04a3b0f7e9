import { Badge, Button, Dropdown, Field, makeStyles, Option, Text, tokens } from "@fluentui/react-components";
import type { SheetDef } from "../../schemes/types";
import { columnName } from "../../sheets/a1";
import type { LedgerCandidate } from "../paneState";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  label: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "center", flexWrap: "wrap" },
  dropdown: { minWidth: 0, width: "100%" },
});

type Props = {
  /** The active scheme's sheet: its fields are the rows of this panel. */
  def: SheetDef;
  candidates: readonly LedgerCandidate[];
  ledger: string | null;
  onLedger: (sheet: string) => void;
  onMap: (field: string, col: number) => void;
  onReset: () => void;
};

const UNMAPPED = "0";

/** The columns the pane understood, each editable; the choice is saved in the workbook. */
export function MappingPanel({ def, candidates, ledger, onLedger, onMap, onReset }: Props) {
  const styles = useStyles();
  const current = candidates.find((c) => c.sheet === ledger);
  if (!current) {
    return (
      <div className={styles.root}>
        <Text>没有找到{def.name === "示范点" ? "示范点表" : "考核台账"}（缺少必需的列），无法设置列映射。若是刚才的映射造成的，可以恢复自动识别。</Text>
        <Button onClick={onReset}>恢复自动识别</Button>
      </div>
    );
  }
  const { map } = current;
  const columns = [...map.headers.entries()].sort((a, b) => a[0] - b[0]);
  const label = (col: number) => `${columnName(col)} 列 · ${map.headers.get(col) ?? ""}`;
  const ambiguous = new Map(map.ambiguous.map((a) => [a.field, a.cols]));
  const required = new Set(def.required);
  return (
    <div className={styles.root}>
      {candidates.length > 1 && (
        <Field label={def.name === "示范点" ? "示范点工作表" : "考核台账工作表"}>
          <Dropdown value={current.sheet} selectedOptions={[current.sheet]} onOptionSelect={(_, d) => d.optionValue && onLedger(d.optionValue)}>
            {candidates.map((c) => (
              <Option key={c.sheet} value={c.sheet}>
                {c.sheet}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      <Text>
        表头在第 {map.headerRow} 行。已识别 {map.fields.size} 列，{map.unknown.length} 列未使用。修改后自动保存在工作簿中。
      </Text>
      {def.fields.map((f) => {
        const col = map.fields.get(f.id);
        const value = col ? String(col) : UNMAPPED;
        return (
          <div key={f.id} className={styles.row}>
            <div className={styles.label}>
              <Text weight="semibold" id={`map-${f.id}`}>
                {f.header}
              </Text>
              {required.has(f.id) && <Badge appearance="outline">必需</Badge>}
              {col === undefined && <Badge appearance="tint" color="warning">未映射</Badge>}
              {ambiguous.has(f.id) && (
                <Badge appearance="tint" color="danger">
                  多列相似：{ambiguous.get(f.id)!.map(columnName).join("、")}
                </Badge>
              )}
            </div>
            <Dropdown
              aria-labelledby={`map-${f.id}`}
              className={styles.dropdown}
              value={col ? label(col) : "（不使用）"}
              selectedOptions={[value]}
              onOptionSelect={(_, d) => d.optionValue !== undefined && onMap(f.id, Number(d.optionValue))}
            >
              <Option value={UNMAPPED}>（不使用）</Option>
              {columns.map(([c]) => (
                <Option key={c} value={String(c)}>
                  {label(c)}
                </Option>
              ))}
            </Dropdown>
          </div>
        );
      })}
      {map.unknown.length > 0 && <Text size={200}>未使用的列：{map.unknown.map((u) => `${columnName(u.col)} ${u.header}`).join("、")}</Text>}
      <Button onClick={onReset}>恢复自动识别</Button>
    </div>
  );
}
