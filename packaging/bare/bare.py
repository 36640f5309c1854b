"""The smallest PySide6-Essentials window app: the yardstick for CapaDesk's bundle size."""

import sys

from PySide6.QtWidgets import QApplication, QLabel

if __name__ == "__main__":
    app = QApplication(sys.argv)
    label = QLabel("bare")
    label.show()
    if "--quit" in sys.argv:
        raise SystemExit(0)
    raise SystemExit(app.exec())
