package io.nowserving.desktop.kiosk;

import io.nowserving.desktop.common.Messages;
import io.nowserving.desktop.common.QrImage;
import io.nowserving.shared.api.Ticket;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The ticket just taken: the number big, the people ahead, the wait as a range, the QR code and the receipt. */
final class TicketPane {
    private final KioskViewModel vm;
    private final Messages words;
    private final double height;

    TicketPane(KioskViewModel vm, Messages words, double height) {
        this.vm = vm;
        this.words = words;
        this.height = height;
    }

    Node build() {
        Ticket t = vm.ticket().get();
        if (t == null) {
            return new VBox();
        }
        Label heading = new Label(words.get("ticket.heading"));
        heading.getStyleClass().add("heading");
        Label number = new Label(t.number());
        number.getStyleClass().add("ticket-number");
        Label ahead = new Label(words.get("ticket.ahead", t.ahead() == null ? 0 : t.ahead()));
        ahead.getStyleClass().add("ticket-line");
        Label wait = new Label(words.get("ticket.wait", WaitText.of(words, t.estimatedWait())));
        wait.getStyleClass().add("ticket-line");
        ahead.setWrapText(true);
        wait.setWrapText(true);
        Label printer = new Label(printerText());
        printer.getStyleClass().add("printer-message");
        if (vm.printing().get() == KioskViewModel.Printing.FAILED) {
            printer.getStyleClass().add("problem");
        }
        printer.setWrapText(true);
        VBox left = new VBox(heading, number, ahead, wait, printer);
        left.getStyleClass().add("ticket-facts");
        left.setAlignment(Pos.CENTER);
        if (vm.printing().get() == KioskViewModel.Printing.FAILED) {
            Button again = new Button(words.get("printer.again"));
            again.setId("print-again");
            again.getStyleClass().add("action");
            again.setOnAction(e -> vm.print());
            left.getChildren().add(again);
        }
        Button done = new Button(words.get("ticket.done"));
        done.setId("done");
        done.getStyleClass().add("action");
        done.setOnAction(e -> vm.backToStart());
        left.getChildren().add(done);

        VBox right = new VBox();
        right.getStyleClass().add("ticket-qr-box");
        right.setAlignment(Pos.CENTER);
        if (t.trackUrl() != null) {
            ImageView qr = new ImageView(QrImage.of(t.trackUrl()));
            qr.getStyleClass().add("ticket-qr");
            qr.setId("ticket-qr");
            qr.setPreserveRatio(true);
            qr.setSmooth(false);
            qr.setFitHeight(height * 0.5);
            Label scan = new Label(words.get("ticket.scan"));
            scan.getStyleClass().add("ticket-scan");
            scan.setWrapText(true);
            right.getChildren().addAll(qr, scan);
        }
        HBox box = new HBox(left, right);
        box.getStyleClass().add("ticket");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private String printerText() {
        return switch (vm.printing().get()) {
            case NONE -> words.get("printer.none");
            case PRINTING -> words.get("printer.printing");
            case PRINTED -> words.get("printer.printed");
            case FAILED -> words.get(switch (vm.printerProblem().get()) {
                case MISSING -> "printer.missing";
                case NO_PAPER -> "printer.noPaper";
                case OFFLINE -> "printer.offline";
            });
        };
    }
}
