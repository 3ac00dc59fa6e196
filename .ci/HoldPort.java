import java.net.InetAddress;
import java.net.ServerSocket;

/** CI helper: holds a TCP port on 127.0.0.1 until killed, to check that run-demo.sh refuses a taken port. */
public class HoldPort {
    public static void main(String[] args) throws Exception {
        try (ServerSocket socket = new ServerSocket(Integer.parseInt(args[0]), 1, InetAddress.getLoopbackAddress())) {
            System.out.println("holding " + args[0]);
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
