import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";

type Props = { open: boolean; onStay: () => void; onDiscard: () => void };

/** Asked before leaving the 设置 tab with unsaved edits. */
export function UnsavedDialog({ open, onStay, onDiscard }: Props) {
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, d) => !d.open && onStay()}>
      <DialogSurface aria-describedby="unsaved-text">
        <DialogBody>
          <DialogTitle>设置还没有保存</DialogTitle>
          <DialogContent id="unsaved-text">离开“设置”会丢掉这些修改。要先回去点“保存设置并重新计分”吗？</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onStay}>
              返回保存
            </Button>
            <Button onClick={onDiscard}>放弃修改</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
