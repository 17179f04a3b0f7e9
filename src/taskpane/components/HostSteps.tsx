import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  step: { color: tokens.colorNeutralForeground3, display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXXS },
  mark: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    width: "20px",
    height: "20px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    fontSize: tokens.fontSizeBase200,
  },
  done: { color: tokens.colorNeutralForeground2 },
  doneMark: { backgroundColor: tokens.colorPaletteGreenBackground2 },
  current: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  currentMark: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
});

const STEPS = ["打开文件", "查看结果", "写回", "下载"] as const;

type Props = { read: boolean; scored: boolean; written: boolean };

/** The preview's one path, open → review → 写回 → 下载, with where the user is now. */
export function HostSteps({ read, scored, written }: Props) {
  const styles = useStyles();
  // Reviewing is done once the results are written; the download is the step after.
  const current = !read ? 0 : !scored ? 1 : !written ? 2 : 3;
  return (
    <ol className={styles.list} aria-label="步骤" data-testid="steps">
      {STEPS.map((label, i) => {
        const state = i < current ? "done" : i === current ? "current" : "todo";
        return (
          <li key={label} className={mergeClasses(styles.step, state === "done" && styles.done, state === "current" && styles.current)} {...(state === "current" ? { "aria-current": "step" as const } : {})} data-state={state}>
            <span className={mergeClasses(styles.mark, state === "done" && styles.doneMark, state === "current" && styles.currentMark)} aria-hidden="true">
              {state === "done" ? "✓" : i + 1}
            </span>
            {label}
          </li>
        );
      })}
    </ol>
  );
}
