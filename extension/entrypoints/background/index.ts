import { defineBackground } from "wxt/utils/define-background";

// The room session (network, realtime) is wired here as it lands; see DESIGN.md section 6.
export default defineBackground(() => {});
