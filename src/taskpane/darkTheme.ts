/** The dark theme, loaded only when the pane is dark (its tokens stay out of the first download). */
export { webDarkTheme } from "@fluentui/react-components";
