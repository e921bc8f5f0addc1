// Floor for the pane's time to interactive: Office.js, then React 19 rendering one labelled input.
import { createRoot } from "react-dom/client";

Office.onReady(() => {
  createRoot(document.getElementById("root")!).render(
    <label data-testid="results-table">
      Average bill <input defaultValue="30000" />
    </label>
  );
});
