import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({ bar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" } });

type Props = { problem: string | null; onApply: () => void; onReset: () => void };

/** The foot of a settings form: the problem found on saving, 保存 and 恢复默认. */
export function SettingsActions({ problem, onApply, onReset }: Props) {
  const styles = useStyles();
  return (
    <>
      {problem && <Text role="alert">{problem}</Text>}
      <div className={styles.bar}>
        <Button appearance="primary" onClick={onApply}>
          保存设置并重新计分
        </Button>
        <Button onClick={onReset}>恢复默认</Button>
      </div>
    </>
  );
}
