import { Button } from "@fluentui/react-components";
import { useState } from "react";

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
export function CopyDetails({ text }: { text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button size="small" title={text} onClick={() => void copyText(text).then((ok) => setState(ok ? "copied" : "failed"))}>
      {state === "copied" ? "已复制" : state === "failed" ? "复制失败（请截图）" : "复制诊断信息"}
    </Button>
  );
}

