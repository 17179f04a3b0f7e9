import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import type { SaveState } from "../useSettingsDraft";

const useStyles = makeStyles({
  foot: {
    position: "sticky",
    bottom: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  bar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

type Props = { problem: string | null; state: SaveState; dirty: boolean; onApply: () => void; onReset: () => void };

/** The foot of a settings form, kept in view: what stops saving, the saved confirmation, 保存 and 恢复默认. */
export function SettingsActions({ problem, state, dirty, onApply, onReset }: Props) {
  const styles = useStyles();
  return (
    <div className={styles.foot}>
      {problem && (
        <MessageBar intent="error" role="alert" data-testid="settings-problem">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {state === "saved" && !dirty && (
        <MessageBar intent="success" data-testid="settings-saved">
          <MessageBarBody>已保存到本工作簿，结果已按新设置重新计分。</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.bar}>
        <Button appearance="primary" onClick={onApply} disabled={!dirty && state !== "refused"}>
          保存设置并重新计分
        </Button>
        <Button onClick={onReset}>恢复默认</Button>
      </div>
    </div>
  );
}
