import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useRef } from "react";
import { templateBytes } from "../filePortLoader";
import type { PaneState } from "../paneState";
import { saveBytes } from "../saveBytes";
import { EXAMPLES, type PaneCommands } from "../usePane";
import { HostSteps } from "./HostSteps";

const useStyles = makeStyles({
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

type Props = { s: PaneState; cmd: PaneCommands; busy: boolean };

/**
 * The browser preview's own controls: where the user is on open → review → 写回 → 下载, opening a file or an
 * example, and blank templates on the empty page. Buttons stay focusable while busy, so a keyboard user's
 * focus stays where it was when a file opens.
 */
export function FileBar({ s, cmd, busy }: Props) {
  const styles = useStyles();
  /** 下载空白模板: the scheme's empty ledger as its own .xlsx. */
  const blank = (scheme: "hunan" | "shanghai") =>
    templateBytes(scheme).then(
      ({ bytes, name }) => {
        saveBytes(bytes, name);
        cmd.dispatch({ type: "notice", notice: { intent: "success", text: `已下载 ${name}，填好后用“打开文件…”打开。` } });
      },
      (e: unknown) => cmd.dispatch({ type: "failed", message: `无法生成模板：${e instanceof Error ? e.message : String(e)}` }),
    );
  const fileInput = useRef<HTMLInputElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  return (
    <>
      <HostSteps read={!!s.read} scored={!!s.score} written={s.written} />
      <div className={styles.bar}>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx"
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (f) void cmd.openFile(f).then(() => openButton.current?.focus());
          }}
        />
        <Button ref={openButton} appearance={s.read ? "secondary" : "primary"} onClick={() => fileInput.current?.click()} disabledFocusable={busy}>
          打开文件…
        </Button>
        <Button onClick={() => void cmd.openExample(EXAMPLES.hunan.url)} disabledFocusable={busy}>
          {EXAMPLES.hunan.label}
        </Button>
        <Button onClick={() => void cmd.openExample(EXAMPLES.shanghai.url)} disabledFocusable={busy}>
          {EXAMPLES.shanghai.label}
        </Button>
      </div>
      {s.fileName && <Text className={styles.hint}>当前文件：{s.fileName}（在浏览器中处理，不上传）</Text>}
      {s.phase === "empty" && (
        <>
          {!s.notice && <Text>未检测到 Excel。请打开一个 .xlsx 台账（湖南考核台账或上海示范点表），或打开示例。</Text>}
          <Text>还没有台账？先下载空白模板，填好后再打开：</Text>
          <div className={styles.bar}>
            <Button onClick={() => void blank("hunan")}>下载空白考核台账</Button>
            <Button onClick={() => void blank("shanghai")}>下载空白示范点表</Button>
          </div>
        </>
      )}
    </>
  );
}
