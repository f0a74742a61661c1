import Foundation
import SmarketDaemon

exit(CommandLine.run())
